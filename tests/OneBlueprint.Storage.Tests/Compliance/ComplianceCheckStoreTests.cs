using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Compliance;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Projects;
using OneBlueprint.Storage.Tests.Support;

namespace OneBlueprint.Storage.Tests.Compliance;

public sealed class ComplianceCheckStoreTests
{
    private const string RedLine = "POLYGON ((465650 3846600, 465750 3846600, 465750 3846700, 465650 3846700, 465650 3846600), (465670 3846620, 465670 3846640, 465690 3846640, 465690 3846620, 465670 3846620))";
    private const string Part = "POLYGON ((465650 3846600, 465700 3846600, 465700 3846650, 465650 3846650, 465650 3846600))";

    private static NewComplianceCheck Check(string? project, string result = """{"answer":"as given","zeta":1,"alpha":2}""", int srid = 4547) => new(
        ProjectCode: project,
        Category: "工业",
        InputFormat: "txt",
        InputName: "红线.txt",
        InputSrid: 4527,
        Input: [0xC0, 0xB6, 0x0A], // GBK bytes stay bytes
        RedLine: Wkt.Read(RedLine, srid),
        LayerVersions: [new CheckedLayerVersion("STBHHX", 11, 2), new CheckedLayerVersion("CZKFBJ", 7, 1)],
        LayerVerdicts: new Dictionary<string, string> { ["STBHHX"] = "conflict", ["CZKFBJ"] = "pass" },
        RulesName: "defaults (2025.1)",
        Verdict: "conflict",
        ResultJson: result,
        Parts: [new CompliancePart("STBHHX", CompliancePart.Overlap, "conflict", "STBHHX-CONFLICT-OCCUPY", 2500, true, Wkt.Read(Part, 4547))],
        CreatedAt: new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.FromHours(8)),
        CreatedBy: "reviewer-1",
        CreatedByRole: "reviewer");

    [Fact]
    public async Task Save_ThenGet_GivesBackEverything_WithAnAuditRow()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        await new ProjectStore(scratch.Database).UpsertProjectAsync("P-1", "测试项目", "工业", null, "test");
        var store = new ComplianceCheckStore(scratch.Database);
        var id = await store.ReserveIdAsync();
        await store.SaveAsync(id, Check("P-1"));

        var stored = (await store.GetAsync(id))!;
        Assert.Equal("P-1", stored.ProjectCode);
        Assert.Equal([0xC0, 0xB6, 0x0A], stored.Input);
        Assert.Equal("""{"answer":"as given","zeta":1,"alpha":2}""", stored.ResultJson); // json, not jsonb: text kept
        Assert.Equal(await store.GetResultJsonAsync(id), stored.ResultJson);
        Assert.True(stored.RedLine.EqualsExact(Wkt.Read(RedLine, 4547)));
        Assert.Equal(10_000 - 400, stored.RedLineAreaM2, 9);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.Zero), stored.CreatedAt);
        Assert.Contains(new CheckedLayerVersion("STBHHX", 11, 2), stored.LayerVersions);
        Assert.Equal("conflict", stored.LayerVerdicts["STBHHX"]);
        var part = Assert.Single(await store.GetPartsAsync(id));
        Assert.True(part.Judged);
        Assert.Equal(2500, await Sql.ScalarAsync<double>(scratch.DataSource, $"SELECT ST_Area(geom) FROM ob.compliance_part WHERE check_id = {id}"), 9);

        var audit = await AuditLog.ListAsync(scratch.Database, entity: "compliance_check", entityId: id.ToString());
        var entry = Assert.Single(audit).Entry;
        Assert.Equal(("compliance.check", "reviewer-1", "reviewer"), (entry.Action, entry.Actor, entry.Role));
        Assert.Equal("conflict", entry.Details!["verdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lists_AreNewestFirst_AndPerProject()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var projects = new ProjectStore(scratch.Database);
        await projects.UpsertProjectAsync("P-1", "一", null, null, "test");
        await projects.UpsertProjectAsync("P-2", "二", null, null, "test");
        var store = new ComplianceCheckStore(scratch.Database);
        var ids = new List<long>();
        foreach (var project in new[] { "P-1", null, "P-2", "P-1" })
        {
            var id = await store.ReserveIdAsync();
            await store.SaveAsync(id, Check(project));
            ids.Add(id);
        }
        Assert.Equal([ids[3], ids[0]], (await store.ListByProjectAsync("P-1")).Select(c => c.Id));
        Assert.Equal(ids.AsEnumerable().Reverse(), (await store.ListAsync()).Select(c => c.Id));
        Assert.Equal([ids[3]], (await store.ListAsync(limit: 1)).Select(c => c.Id));
        Assert.Empty(await store.ListByProjectAsync("P-9"));
        Assert.Null(await store.GetAsync(123_456));
    }

    [Fact]
    public async Task Save_RefusesAnUnknownProject_AndAnotherSrid_LeavingNothing()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var store = new ComplianceCheckStore(scratch.Database);
        var unknown = await Assert.ThrowsAsync<InputException>(async () => await store.SaveAsync(await store.ReserveIdAsync(), Check("NOPE")));
        Assert.Equal(404, unknown.StatusCode);
        var srid = await Assert.ThrowsAsync<InputException>(async () => await store.SaveAsync(await store.ReserveIdAsync(), Check(null, srid: 4546)));
        Assert.Equal(422, srid.StatusCode);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(scratch.DataSource, "SELECT count(*) FROM ob.compliance_check"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(scratch.DataSource, "SELECT count(*) FROM ob.audit_log WHERE entity = 'compliance_check'"));
    }
}
