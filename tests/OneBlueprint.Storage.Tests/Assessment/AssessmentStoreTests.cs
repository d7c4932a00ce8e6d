using System.Text;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Assessment;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Projects;
using OneBlueprint.Storage.Tests.Support;
using static OneBlueprint.Storage.Tests.Assessment.AssessmentDrafts;

namespace OneBlueprint.Storage.Tests.Assessment;

public sealed class AssessmentStoreTests
{
    private const double X = 470_000, Y = 3_840_000;

    private static async Task<(AssessmentStore Store, AssessmentImportResult Draft)> DraftAsync(ScratchDatabase scratch)
    {
        var draft = await new AssessmentImporter(scratch.Database).ImportAsync(
            Area("QY", Rect(X, Y, 100, 100), Item("DZZH", "地质灾害危险性评估", "2024-01-01", null)), Request());
        return (new AssessmentStore(scratch.Database), draft);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46 }, "image/jpeg")]
    public async Task AddDocument_ImagesAndPdf_AreStoredWithTheirHash(byte[] content, string mediaType)
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var (store, draft) = await DraftAsync(scratch);
        var pdf = await store.AddDocumentAsync(draft.Area.Id, "dzzh", new DocumentDraft("报告.pdf", Pdf()), "planner-wang");
        var image = await store.AddDocumentAsync(draft.Area.Id, "DZZH", new DocumentDraft("scan", content), "planner-wang");
        Assert.Equal("application/pdf", pdf.MediaType);
        Assert.Equal(mediaType, image.MediaType);
        var back = await store.GetDocumentAsync(image.Id);
        Assert.Equal(content, back!.Content);
        Assert.Equal("draft", back.AreaStatus);
        Assert.Equal(await Sql.ScalarAsync<string>(scratch.DataSource, "SELECT encode(sha256(content), 'hex') FROM ob.assessment_document WHERE id = $1", image.Id), image.Sha256);
    }

    [Fact]
    public async Task AddDocument_NotAPdfOrImage_Is415AndWritesNothing()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var (store, draft) = await DraftAsync(scratch);
        // a Word file (ZIP container) renamed .pdf: the name does not decide, the bytes do
        var e = await Assert.ThrowsAsync<InputException>(() => store.AddDocumentAsync(draft.Area.Id, "DZZH",
            new DocumentDraft("报告.pdf", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), "p"));
        Assert.Equal(415, e.StatusCode);
        Assert.Contains("is not a PDF, PNG or JPEG (its first bytes are 504B030414000600)", e.Problems[0].What);
        var empty = await Assert.ThrowsAsync<InputException>(() => store.AddDocumentAsync(draft.Area.Id, "DZZH", new DocumentDraft("x.pdf", []), "p"));
        Assert.Equal(400, empty.StatusCode);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(scratch.DataSource, "SELECT count(*) FROM ob.assessment_document"));
    }

    [Fact]
    public async Task AddDocument_TooLarge_Is413AndWritesNothing()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var (store, draft) = await DraftAsync(scratch);
        var big = new byte[AssessmentDocuments.MaxBytes + 1];
        Encoding.ASCII.GetBytes("%PDF-1.7\n").CopyTo(big, 0);
        var e = await Assert.ThrowsAsync<InputException>(() => store.AddDocumentAsync(draft.Area.Id, "DZZH", new DocumentDraft("big.pdf", big), "p"));
        Assert.Equal(413, e.StatusCode);
        Assert.Contains("at most 20 MB", e.Problems[0].What);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(scratch.DataSource, "SELECT count(*) FROM ob.assessment_document"));
    }

    [Fact]
    public async Task AddDocument_ToAPublishedVersionOrUnknownItem_IsRefused()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var (store, draft) = await DraftAsync(scratch);
        var unknown = await Assert.ThrowsAsync<InputException>(() => store.AddDocumentAsync(draft.Area.Id, "HJYX", new DocumentDraft("a.pdf", Pdf()), "p"));
        Assert.Equal(404, unknown.StatusCode);
        Assert.Contains("DZZH", unknown.Problems[0].HowToFix);
        await store.PublishAsync(draft.Area.Id, "p");
        var published = await Assert.ThrowsAsync<InputException>(() => store.AddDocumentAsync(draft.Area.Id, "DZZH", new DocumentDraft("a.pdf", Pdf()), "p"));
        Assert.Equal(409, published.StatusCode);
    }

    [Fact]
    public async Task Usage_ProjectsPerMonth_MatchTheRecordsCountedInSql()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var (store, draft) = await DraftAsync(scratch);
        var projects = new ProjectStore(scratch.Database);
        foreach (var code in new[] { "P1", "P2", "P3" }) await projects.UpsertProjectAsync(code, "项目" + code, "工业", null, "t");
        var reused = new ReusedResult("DZZH", draft.Area.Items[0].Id, draft.Area.Id, "QY", 1, AssessmentModes.NotifyAndCommit);
        foreach (var code in new[] { "P1", "P1", "P2", "P3" }) await store.RecordUsageAsync(code, null, Today, [reused], "t");
        // two records moved to an earlier month, as if made then
        await Sql.ExecAsync(scratch.DataSource, "UPDATE ob.assessment_usage SET used_at = '2026-09-15T10:00:00Z' WHERE project_code IN ('P2', 'P3')");

        var months = await store.ReuseByMonthAsync();
        var expected = await Sql.ScalarAsync<string>(scratch.DataSource, """
            SELECT string_agg(m || ':' || n || ':' || c, ',' ORDER BY m) FROM (
              SELECT to_char(used_at AT TIME ZONE 'UTC', 'YYYY-MM') m, count(DISTINCT project_code) n, count(*) c FROM ob.assessment_usage GROUP BY 1) s
            """);
        Assert.Equal(expected, string.Join(",", months.Select(m => $"{m.Year:D4}-{m.Month:D2}:{m.Projects}:{m.Records}")));
        Assert.Equal(2, months.Count);

        var e = await Assert.ThrowsAsync<InputException>(() => store.RecordUsageAsync("NOPE", null, Today, [reused], "t"));
        Assert.Equal(404, e.StatusCode);
    }

    [Fact]
    public async Task Zones_ReplaceKeepsHistory_AndRefusesBadRows()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var store = new AssessmentStore(scratch.Database);
        var zones = Features("zones.geojson", $"POLYGON (({X} {Y}, {X + 100} {Y}, {X + 100} {Y + 100}, {X} {Y + 100}, {X} {Y}))",
            $"POLYGON (({X + 200} {Y}, {X + 300} {Y}, {X + 300} {Y + 100}, {X + 200} {Y + 100}, {X + 200} {Y}))");
        zones.Features[0].Attributes["KFQDM"] = "K1";
        zones.Features[0].Attributes["KFQMC"] = "经开区";
        zones.Features[1].Attributes["KFQDM"] = "K2";
        zones.Features[1].Attributes["KFQMC"] = "高新区";
        Assert.Equal(2, await store.ReplaceZonesAsync(zones, "KFQDM", "KFQMC", null, "t"));
        Assert.Equal(2, await store.ReplaceZonesAsync(zones, "KFQDM", "KFQMC", null, "t"));
        Assert.Equal(["K1", "K2"], (await store.ListZonesAsync()).Select(z => z.Code));
        Assert.Equal(4L, await Sql.ScalarAsync<long>(scratch.DataSource, "SELECT count(*) FROM ob.development_zone"));

        zones.Features[1].Attributes["KFQDM"] = "K1";
        var e = await Assert.ThrowsAsync<InputException>(() => store.ReplaceZonesAsync(zones, "KFQDM", "KFQMC", null, "t"));
        Assert.Equal("zone.twice", e.Problems[0].Code);
        Assert.Equal(2, (await store.ListZonesAsync()).Count);
    }
}
