using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Assessment;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Tests.Support;
using static OneBlueprint.Storage.Tests.Assessment.AssessmentDrafts;

namespace OneBlueprint.Storage.Tests.Assessment;

public sealed class AssessmentImporterTests
{
    private const double X = 470_000, Y = 3_840_000;

    private static async Task<(long Areas, long Items, long Documents, long Audit)> CountsAsync(ScratchDatabase db) => (
        await Sql.ScalarAsync<long>(db.DataSource, "SELECT count(*) FROM ob.assessment_area"),
        await Sql.ScalarAsync<long>(db.DataSource, "SELECT count(*) FROM ob.assessment_item"),
        await Sql.ScalarAsync<long>(db.DataSource, "SELECT count(*) FROM ob.assessment_document"),
        await Sql.ScalarAsync<long>(db.DataSource, "SELECT count(*) FROM ob.audit_log"));

    [Fact]
    public async Task Import_LonLatArea_IsStoredInTheWorkingCrs_AsPostGisTransformsIt()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var wkt = "POLYGON ((113.70 34.75, 113.73 34.75, 113.73 34.77, 113.70 34.77, 113.70 34.75))";
        var set = new FeatureSet { Srid = CrsCatalog.Cgcs2000, Name = "area.geojson" };
        set.Features.Add(new GeoFeature(Wkt.Read(wkt, CrsCatalog.Cgcs2000)));
        var result = await new AssessmentImporter(scratch.Database).ImportAsync(
            Area("410100QY001", set, Item("DZZH", "地质灾害危险性评估", "2024-03-01", "2029-02-28", documents: new DocumentDraft("dzzh.pdf", Pdf()))), Request());

        Assert.Equal(1, result.Area.Version);
        Assert.Equal("draft", result.Area.Status);
        Assert.Equal(CrsCatalog.Cgcs2000, result.SourceSrid);
        // PostGIS transforms the same lon/lat ring itself: the stored polygon must match it to a millimetre
        var hausdorff = await Sql.ScalarAsync<double>(scratch.DataSource,
            "SELECT ST_HausdorffDistance(geom, ST_Transform(ST_GeomFromText($1, 4490), 4547)) FROM ob.assessment_area WHERE id = $2", wkt, result.Area.Id);
        Assert.True(hausdorff < 0.001, $"stored ring is {hausdorff} m from PostGIS's transform");
        var postgisArea = await Sql.ScalarAsync<double>(scratch.DataSource, "SELECT ST_Area(geom) FROM ob.assessment_area WHERE id = $1", result.Area.Id);
        Assert.Equal(postgisArea, result.Area.AreaM2, postgisArea * 1e-9);
        var item = Assert.Single(result.Area.Items);
        Assert.Equal(new DateOnly(2029, 2, 28), item.ValidTo);
        var doc = Assert.Single(item.Documents);
        Assert.Equal("application/pdf", doc.MediaType);
        Assert.Equal(await Sql.ScalarAsync<string>(scratch.DataSource, "SELECT encode(sha256(content), 'hex') FROM ob.assessment_document WHERE id = $1", doc.Id), doc.Sha256);
        Assert.Equal(Pdf().Length, doc.SizeBytes);
    }

    [Fact]
    public async Task Import_SeveralPolygons_BecomeOneAreaWithTheirUnion()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var set = Features("parts.geojson",
            $"POLYGON (({X} {Y}, {X + 100} {Y}, {X + 100} {Y + 100}, {X} {Y + 100}, {X} {Y}))",
            $"POLYGON (({X + 50} {Y}, {X + 150} {Y}, {X + 150} {Y + 100}, {X + 50} {Y + 100}, {X + 50} {Y}))",
            $"POLYGON (({X + 500} {Y}, {X + 600} {Y}, {X + 600} {Y + 100}, {X + 500} {Y + 100}, {X + 500} {Y}))");
        var result = await new AssessmentImporter(scratch.Database).ImportAsync(Area("QY", set, Item("HJYX", "环境影响评价", "2024-01-01", null)), Request());
        Assert.Equal(15_000 + 10_000, result.Area.AreaM2, 6);
        Assert.Equal(25_000, await Sql.ScalarAsync<double>(scratch.DataSource, "SELECT ST_Area(geom) FROM ob.assessment_area"), 6);
        Assert.True(await Sql.ScalarAsync<bool>(scratch.DataSource, "SELECT ST_IsValid(geom) FROM ob.assessment_area"));
    }

    [Fact]
    public async Task Publish_NewVersionSupersedesThePrevious_AndHistoryIsKept()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var importer = new AssessmentImporter(scratch.Database);
        var store = new AssessmentStore(scratch.Database);
        var v1 = await importer.ImportAsync(Area("QY", Rect(X, Y, 100, 100), Item("DZZH", "地质灾害危险性评估", "2022-01-01", null)), Request(publish: true));
        var v2 = await importer.ImportAsync(Area("QY", Rect(X, Y, 200, 100), Item("DZZH", "地质灾害危险性评估", "2025-01-01", null)), Request());
        Assert.Equal(2, v2.Area.Version);

        Assert.Equal([v1.Area.Id], (await store.ListPublishedAsync()).Select(a => a.Id)); // the draft is not published yet
        var published = await store.PublishAsync(v2.Area.Id, "reviewer-li");
        Assert.Equal("published", published.Status);
        Assert.Equal("reviewer-li", published.PublishedBy);
        Assert.Equal([v2.Area.Id], (await store.ListPublishedAsync()).Select(a => a.Id));
        var history = await store.ListVersionsAsync("QY");
        Assert.Equal([("superseded", 1), ("published", 2)], history.Select(a => (a.Status, a.Version)));
        Assert.Equal(10_000, history[0].AreaM2, 6); // the old version's geometry is kept as it was
        Assert.Equal(1L, await Sql.ScalarAsync<long>(scratch.DataSource, "SELECT count(*) FROM ob.assessment_area WHERE status = 'published'"));

        var again = await Assert.ThrowsAsync<InputException>(() => store.PublishAsync(v2.Area.Id, "x"));
        Assert.Equal(409, again.StatusCode);
        Assert.Contains("already published", again.Problems[0].What);
    }

    [Fact]
    public async Task Import_DatesInTheWrongOrder_Is422AndWritesNothing()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var before = await CountsAsync(scratch);
        var e = await Assert.ThrowsAsync<InputException>(() => new AssessmentImporter(scratch.Database).ImportAsync(
            Area("QY", Rect(X, Y, 100, 100), Item("HJYX", "环境影响评价", "2026-06-01", "2025-06-01")), Request(publish: true)));
        Assert.Equal(422, e.StatusCode);
        var problem = Assert.Single(e.Problems);
        Assert.Equal("assessment.dates", problem.Code);
        Assert.Contains("ends on 2025-06-01, before it starts on 2026-06-01", problem.What);
        Assert.Equal(before, await CountsAsync(scratch));
    }

    [Fact]
    public async Task Import_ExpiredResult_IsRefusedUnlessRecordedAsHistory()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var importer = new AssessmentImporter(scratch.Database);
        var draft = Area("QY", Rect(X, Y, 100, 100), Item("HJYX", "环境影响评价", "2019-07-01", "2025-06-30"));
        var before = await CountsAsync(scratch);
        var e = await Assert.ThrowsAsync<InputException>(() => importer.ImportAsync(draft, Request(publish: true)));
        Assert.Equal(422, e.StatusCode);
        Assert.Equal("assessment.expired", e.Problems[0].Code);
        Assert.Contains("expired on 2025-06-30 (today is 2026-11-24)", e.Problems[0].What);
        Assert.Contains("--allow-expired", e.Problems[0].HowToFix);
        Assert.Equal(before, await CountsAsync(scratch));

        var stored = await importer.ImportAsync(draft, Request(publish: true, allowExpired: true));
        Assert.Equal("published", stored.Area.Status);
    }

    [Fact]
    public async Task Publish_OverlapWithAnotherUnitsResultForTheSameItem_IsRefusedWithBoth_UnlessAllowed()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var importer = new AssessmentImporter(scratch.Database);
        await importer.ImportAsync(Area("QY-A", Rect(X, Y, 100, 100), Item("DZZH", "地质灾害危险性评估", "2022-01-01", null),
            Item("JNPJ", "节能评价", "2022-01-01", null)), Request(publish: true));
        var before = await CountsAsync(scratch);
        // overlaps QY-A on 40 m × 100 m; DZZH is in both, JNPJ only in QY-A, WWKG only here
        var overlapping = Area("QY-B", Rect(X + 60, Y, 100, 100), Item("DZZH", "地质灾害危险性评估", "2025-01-01", null,
            documents: new DocumentDraft("b.pdf", Pdf())), Item("WWKG", "文物考古调查勘探", "2025-01-01", null));

        var e = await Assert.ThrowsAsync<InputException>(() => importer.ImportAsync(overlapping, Request(publish: true)));
        Assert.Equal(422, e.StatusCode);
        var problem = Assert.Single(e.Problems);
        Assert.Equal("assessment.overlap", problem.Code);
        Assert.Contains("QY-B overlaps the published area 测试区域QY-A (QY-A v1) on 4000 m²", problem.What);
        Assert.Contains("地质灾害危险性评估 (DZZH)", problem.What);
        Assert.Contains("--allow-overlap", problem.HowToFix);
        Assert.Equal(before, await CountsAsync(scratch)); // the import was one transaction: nothing of it is left

        var allowed = await importer.ImportAsync(overlapping, Request(publish: true, allowOverlap: true));
        Assert.Equal("published", allowed.Area.Status);
        Assert.Equal(2, (await new AssessmentStore(scratch.Database).ListPublishedAsync()).Count);
    }

    [Fact]
    public async Task Publish_OverlapWithAResultThatEndedBeforeTheNewOneStarts_IsNoConflict()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var importer = new AssessmentImporter(scratch.Database);
        await importer.ImportAsync(Area("QY-A", Rect(X, Y, 100, 100), Item("HJYX", "环境影响评价", "2019-07-01", "2025-06-30")),
            Request(publish: true, allowExpired: true));
        var b = await importer.ImportAsync(Area("QY-B", Rect(X + 50, Y, 100, 100), Item("HJYX", "环境影响评价", "2025-07-01", "2030-06-30")), Request(publish: true));
        Assert.Equal("published", b.Area.Status);
    }

    [Fact]
    public async Task Import_BadPolygonsItemsAndModes_AreListedWithTheirPlace()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var importer = new AssessmentImporter(scratch.Database);
        var bowTie = Features("bad.geojson", $"POLYGON (({X} {Y}, {X + 100} {Y + 100}, {X + 100} {Y}, {X} {Y + 100}, {X} {Y}))");
        bowTie.Features[0].Source = new SourceLocation("bad.geojson", Line: 7);
        var e = await Assert.ThrowsAsync<InputException>(() => importer.ImportAsync(Area("QY", bowTie, Item("HJYX", "环境影响评价", "2024-01-01", null)), Request()));
        Assert.Equal(422, e.StatusCode);
        Assert.Equal(7, e.Problems[0].Where!.Line);
        Assert.Equal(X + 50, e.Problems[0].Where!.X!.Value, 3);

        var twice = await Assert.ThrowsAsync<InputException>(() => importer.ImportAsync(Area("QY", Rect(X, Y, 10, 10),
            Item("HJYX", "环境影响评价", "2024-01-01", null), Item("HJYX", "环境影响评价", "2024-01-01", null, "告知")), Request()));
        Assert.Equal(["assessment.item_twice", "assessment.mode"], twice.Problems.Select(p => p.Code));

        var none = await Assert.ThrowsAsync<InputException>(() => importer.ImportAsync(Area("QY", Rect(X, Y, 10, 10)), Request()));
        Assert.Equal("assessment.no_items", none.Problems[0].Code);
        var noCode = await Assert.ThrowsAsync<InputException>(() => importer.ImportAsync(
            new AssessmentAreaDraft(" ", "", null, Rect(X, Y, 10, 10), [Item("HJYX", "环境影响评价", "2024-01-01", null)]), Request()));
        Assert.Equal(["assessment.unit_code", "assessment.name"], noCode.Problems.Select(p => p.Code));
        var noCrs = Rect(X, Y, 10, 10);
        noCrs.Srid = null;
        Assert.Equal("crs.unknown", (await Assert.ThrowsAsync<InputException>(() =>
            importer.ImportAsync(Area("QY", noCrs, Item("HJYX", "环境影响评价", "2024-01-01", null)), Request()))).Problems[0].Code);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(scratch.DataSource, "SELECT count(*) FROM ob.assessment_area"));
    }
}
