using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Import;
using OneBlueprint.Storage.Layers;
using OneBlueprint.Storage.Tests.Support;

namespace OneBlueprint.Storage.Tests.Import;

public sealed class LayerImporterTests
{
    private const string Farmland = "YJJBNTBHTB";

    private static LayerImportRequest Request(string layer = Farmland, bool repair = false, int? srid = null) =>
        new(layer, "admin-zhang", "2024 年度变更调查成果", "yjjbnt_2024.geojson", new string('a', 64),
            new DateOnly(2024, 12, 31), repair, srid);

    /// <summary>A bow-tie (ring crossing itself at (465050, 3846050)): invalid, repairable into two triangles.</summary>
    private static Polygon BowTie() => (Polygon)Wkt.Read(
        "POLYGON ((465000 3846000, 465100 3846100, 465100 3846000, 465000 3846100, 465000 3846000))", 4547);

    private static async Task<(long Versions, long Features, long Audit)> CountsAsync(ScratchDatabase db) => (
        await Sql.ScalarAsync<long>(db.DataSource, "SELECT count(*) FROM ob.layer_version"),
        await Sql.ScalarAsync<long>(db.DataSource, "SELECT count(*) FROM ob.layer_feature"),
        await Sql.ScalarAsync<long>(db.DataSource, "SELECT count(*) FROM ob.audit_log"));

    [Fact]
    public async Task Import_RoundTrip_FeaturesAttributesAndAreasSurvive()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var set = SyntheticPolygons.Make(300);
        var withHole = new GeoFeature(Wkt.Read(
            "MULTIPOLYGON (((420000 3790000, 420100 3790000, 420100 3790100, 420000 3790100, 420000 3790000), (420010 3790010, 420010 3790020, 420020 3790020, 420020 3790010, 420010 3790010)), ((420200 3790000, 420250 3790000, 420250 3790050, 420200 3790000)))", 4547))
        { Id = "hole-and-island" };
        withHole.Attributes["说明"] = "含扣除区";
        withHole.Attributes["GXSJ"] = new DateOnly(2024, 6, 1);
        set.Features.Add(withHole);

        var result = await new LayerImporter(scratch.Database).ImportAsync(set, Request());

        Assert.Equal(1, result.Version);
        Assert.Equal(301, result.FeatureCount);
        Assert.Equal(0, result.RepairedCount);
        var store = new LayerStore(scratch.Database);
        var back = await store.QueryFeaturesAsync(result.VersionId, null, 1000, 0);
        Assert.Equal(set.Features.Count, back.Count);
        for (var i = 0; i < back.Count; i++)
        {
            Assert.True(set.Features[i].Geometry.EqualsExact(back[i].Geometry), $"feature {i + 1} geometry changed");
            Assert.Equal(set.Features[i].Attributes.Keys, back[i].Attributes.Keys);
            Assert.Equal(set.Features[i].Attributes.Values, back[i].Attributes.Values);
            Assert.Equal(i + 1, back[i].Source!.Record);
        }
        Assert.IsType<DateOnly>(back[^1].Attributes["GXSJ"]);

        // areas: ours against PostGIS's ST_Area of the stored rows, feature by feature
        await using (var cmd = scratch.DataSource.CreateCommand(
            "SELECT id, ST_Area(geom), ST_NumInteriorRings(ST_GeometryN(geom, 1)) FROM ob.layer_feature WHERE version_id = $1 ORDER BY feature_no"))
        {
            cmd.Parameters.Add(new() { Value = result.VersionId });
            await using var r = await cmd.ExecuteReaderAsync();
            var i = 0;
            while (await r.ReadAsync())
            {
                Assert.Equal(r.GetInt64(0).ToString(), back[i].Id);
                var ours = back[i].Geometry.Area;
                Assert.True(Math.Abs(ours - r.GetDouble(1)) <= 1e-9 * r.GetDouble(1), $"feature {i + 1}: {ours} vs PostGIS {r.GetDouble(1)}");
                i++;
            }
            Assert.Equal(301, i);
        }
        Assert.Equal(1, await Sql.ScalarAsync<int>(scratch.DataSource,
            "SELECT ST_NumInteriorRings(ST_GeometryN(geom, 1)) FROM ob.layer_feature WHERE source_id = 'hole-and-island'"));

        // the version row and the catalogue view of it
        var version = (await store.GetVersionAsync(Farmland))!;
        Assert.Equal((result.VersionId, 301, 4547, "admin-zhang"), (version.Id, version.FeatureCount, version.SourceSrid!.Value, version.ImportedBy));
        Assert.Equal(new DateOnly(2024, 12, 31), version.EffectiveDate);
        Assert.Equal("yjjbnt_2024.geojson", version.SourceFile);
        var extent = await Sql.ScalarAsync<string>(scratch.DataSource,
            "SELECT concat_ws(',', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) FROM (SELECT ST_Extent(geom) e FROM ob.layer_feature) s");
        Assert.Equal(extent, string.Join(',', version.Bbox!.MinX, version.Bbox.MinY, version.Bbox.MaxX, version.Bbox.MaxY));
        var layer = (await store.GetLayerAsync(Farmland))!;
        Assert.Equal((1, 301), (layer.CurrentVersion!.Value, layer.FeatureCount));

        // source ids on request, and the streaming reader gives the same features
        var bySource = await store.QueryFeaturesAsync(result.VersionId, null, 2, 0, FeatureIdentity.Source);
        Assert.Equal(["TB000001", "TB000002"], bySource.Select(f => f.Id));
        var streamed = new List<GeoFeature>();
        await foreach (var f in store.ReadAllFeaturesAsync(result.VersionId)) streamed.Add(f);
        Assert.Equal(back.Select(f => f.Id), streamed.Select(f => f.Id));
        Assert.True(back.Zip(streamed).All(p => p.First.Geometry.EqualsExact(p.Second.Geometry)));
        await foreach (var f in store.ReadAllFeaturesAsync(result.VersionId, withAttributes: false))
            Assert.Empty(f.Attributes);

        // audit row in the same transaction
        var audit = Assert.Single(await AuditLog.ListAsync(scratch.Database));
        Assert.Equal(("layer.import", "layer", Farmland, result.VersionId), (audit.Entry.Action, audit.Entry.Entity, audit.Entry.EntityId, audit.Entry.AfterId!.Value));
    }

    [Fact]
    public async Task QueryFeatures_Bbox_MatchesIntersectionTestOnTheInput()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var set = SyntheticPolygons.Make(400);
        var result = await new LayerImporter(scratch.Database).ImportAsync(set, Request());
        var box = new Envelope(430_500, 431_200, 3_800_400, 3_801_000);
        var boxPolygon = GeometryKit.Factory(4547).ToGeometry(box);
        var expected = set.Features.Where(f => f.Geometry.Intersects(boxPolygon)).Select(f => f.Id).ToList();

        var store = new LayerStore(scratch.Database);
        var page1 = await store.QueryFeaturesAsync(result.VersionId, box, 10, 0, FeatureIdentity.Source);
        var all = await store.QueryFeaturesAsync(result.VersionId, box, 10_000, 0, FeatureIdentity.Source);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, all.Select(f => f.Id));
        Assert.Equal(expected.Take(10), page1.Select(f => f.Id));
        Assert.Equal(expected.Count, await store.CountFeaturesAsync(result.VersionId, box));
        Assert.Equal(400, await store.CountFeaturesAsync(result.VersionId));
        Assert.Equal(400 - 390, (await store.QueryFeaturesAsync(result.VersionId, null, 100, 390)).Count);
    }

    [Fact]
    public async Task Import_Cgcs2000LonLat_LandsInWorkingSridWhereCs2csPutsIt()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var reference = Cs2csReference.Load();
        var factory = GeometryKit.Factory(4490);
        var set = new FeatureSet { Srid = 4490, Name = "districts" };
        foreach (var p in reference)
        {
            var ring = new[] { new Coordinate(p.Lon, p.Lat), new(p.Lon + 0.01, p.Lat), new(p.Lon + 0.01, p.Lat + 0.01), new(p.Lon, p.Lat) };
            var f = new GeoFeature(factory.CreatePolygon(ring)) { Id = p.Name };
            f.Attributes["XZQMC"] = p.Name;
            set.Features.Add(f);
        }

        var result = await new LayerImporter(scratch.Database).ImportAsync(set, Request("XZQH"));

        Assert.Equal((4490, 4547), (result.SourceSrid, result.WorkingSrid));
        var back = await new LayerStore(scratch.Database).QueryFeaturesAsync(result.VersionId, null, 100, 0);
        Assert.Equal(reference.Count, back.Count);
        for (var i = 0; i < reference.Count; i++)
        {
            var c = back[i].Geometry.Coordinates[0];
            Assert.Equal(4547, back[i].Geometry.SRID);
            Assert.True(Math.Abs(c.X - reference[i].Easting4547) < 0.001, $"{reference[i].Name}: E {c.X:F4} vs cs2cs {reference[i].Easting4547:F4}");
            Assert.True(Math.Abs(c.Y - reference[i].Northing4547) < 0.001, $"{reference[i].Name}: N {c.Y:F4} vs cs2cs {reference[i].Northing4547:F4}");
        }
        Assert.Equal(4490, (await new LayerStore(scratch.Database).GetVersionAsync("XZQH"))!.SourceSrid);
    }

    [Fact]
    public async Task Import_InvalidFeatureNearTheEnd_IsRejectedWithItsLocationAndNothingIsWritten()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var set = SyntheticPolygons.Make(10_000);
        set.Features[9_998].Geometry = BowTie();
        set.Features[9_998].Source = new SourceLocation("yjjbnt_2024.geojson", Record: 9_999);

        var e = await Assert.ThrowsAsync<InputException>(() => new LayerImporter(scratch.Database).ImportAsync(set, Request()));

        Assert.Equal(422, e.StatusCode);
        var problem = Assert.Single(e.Problems);
        Assert.Contains("feature 9999 (id TB009999)", problem.What);
        Assert.Equal(9_999, problem.Where!.Record);
        Assert.Equal(465_050, problem.Where.X!.Value, 6);
        Assert.Equal(3_846_050, problem.Where.Y!.Value, 6);
        Assert.Contains("--repair", problem.HowToFix);
        Assert.Equal((0L, 0L, 0L), await CountsAsync(scratch));
    }

    [Fact]
    public async Task Import_WithRepair_RepairsRecordsAndStoresValidGeometry()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var set = SyntheticPolygons.Make(20);
        set.Features[4].Geometry = BowTie();

        var result = await new LayerImporter(scratch.Database).ImportAsync(set, Request(repair: true));

        Assert.Equal(1, result.RepairedCount);
        var repair = Assert.Single(result.Repairs);
        Assert.Contains("feature 5", repair.What);
        Assert.Equal(ProblemSeverity.Warning, repair.Severity);
        var version = (await new LayerStore(scratch.Database).GetVersionAsync(Farmland))!;
        Assert.Equal(1, version.RepairedCount);
        var entry = version.RepairReport!["features"]![0]!;
        Assert.Equal(5, (int)entry["featureNo"]!);
        Assert.Equal(GeometryValidator.Check(BowTie(), null)[0].Code, (string?)entry["problems"]![0]!["code"]);
        // PostGIS agrees the stored geometry is valid, and it kept the bow-tie's two triangles (2 × 2500 m²)
        Assert.True(await Sql.ScalarAsync<bool>(scratch.DataSource, "SELECT bool_and(ST_IsValid(geom)) FROM ob.layer_feature"));
        Assert.Equal(5000, await Sql.ScalarAsync<double>(scratch.DataSource, "SELECT ST_Area(geom) FROM ob.layer_feature WHERE feature_no = 5"), 6);
        var audit = Assert.Single(await AuditLog.ListAsync(scratch.Database));
        Assert.Equal(1, (int)audit.Entry.Details!["repaired"]!);
    }

    [Theory]
    [InlineData(ImportStage.Prepare)]
    [InlineData(ImportStage.Copy)]
    [InlineData(ImportStage.Commit)]
    public async Task Import_CancelledMidway_LeavesNothing(ImportStage cancelAt)
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var set = SyntheticPolygons.Make(20_000);
        using var cts = new CancellationTokenSource();
        var seen = new List<ImportProgress>();
        var progress = new SyncProgress<ImportProgress>(p =>
        {
            seen.Add(p);
            if (p.Stage == cancelAt && (p.Done >= p.Total / 2 || cancelAt == ImportStage.Commit)) cts.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new LayerImporter(scratch.Database).ImportAsync(set, Request(), progress, cts.Token));

        Assert.Equal((0L, 0L, 0L), await CountsAsync(scratch));
        Assert.Contains(seen, p => p.Stage == cancelAt);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Percent <= p.Second.Percent), "progress went backwards");
        // the connection pool is still usable after the aborted COPY
        Assert.Equal(1, (await new LayerImporter(scratch.Database).ImportAsync(SyntheticPolygons.Make(10), Request())).Version);
    }

    [Fact]
    public async Task Import_Twice_VersionsIncrementAndKeepTheirFeatures()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var importer = new LayerImporter(scratch.Database);

        var v1 = await importer.ImportAsync(SyntheticPolygons.Make(30, seed: 1), Request());
        var v2 = await importer.ImportAsync(SyntheticPolygons.Make(50, seed: 2), Request());
        var other = await importer.ImportAsync(SyntheticPolygons.Make(5, seed: 3), Request("STBHHX"));

        Assert.Equal((1, 2, 1), (v1.Version, v2.Version, other.Version));
        var store = new LayerStore(scratch.Database);
        Assert.Equal([2, 1], (await store.ListVersionsAsync(Farmland)).Select(v => v.Version));
        Assert.Equal(v2.VersionId, (await store.GetVersionAsync(Farmland))!.Id);
        Assert.Equal(v1.VersionId, (await store.GetVersionAsync(Farmland, 1))!.Id);
        Assert.Null(await store.GetVersionAsync(Farmland, 3));
        Assert.Equal(30, await store.CountFeaturesAsync(v1.VersionId));
        Assert.Equal(50, await store.CountFeaturesAsync(v2.VersionId));
        Assert.Equal((2, 50), ((await store.GetLayerAsync(Farmland))!.CurrentVersion!.Value, (await store.GetLayerAsync(Farmland))!.FeatureCount));
        var audit = await AuditLog.ListAsync(scratch.Database, entity: "layer", entityId: Farmland);
        Assert.Equal([v2.VersionId, v1.VersionId], audit.Select(a => a.Entry.AfterId!.Value));
    }

    [Fact]
    public async Task Import_ConcurrentImportsOfOneLayer_GetConsecutiveVersions()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var importer = new LayerImporter(scratch.Database);

        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => importer.ImportAsync(SyntheticPolygons.Make(200, seed: i), Request())));

        Assert.Equal([1, 2, 3, 4], results.Select(r => r.Version).Order());
    }

    [Fact]
    public async Task Import_UnknownLayer_Is404NamingTheCodes()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();

        var e = await Assert.ThrowsAsync<InputException>(() =>
            new LayerImporter(scratch.Database).ImportAsync(SyntheticPolygons.Make(3), Request("JBNT")));

        Assert.Equal(404, e.StatusCode);
        Assert.Contains("'JBNT'", e.Problems[0].What);
        Assert.Contains("YJJBNTBHTB", e.Problems[0].HowToFix);
    }

    [Fact]
    public async Task Import_NoSrid_Is422AskingForIt()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var set = SyntheticPolygons.Make(3);
        set.Srid = null;

        var e = await Assert.ThrowsAsync<InputException>(() => new LayerImporter(scratch.Database).ImportAsync(set, Request()));
        var ok = await new LayerImporter(scratch.Database).ImportAsync(set, Request(srid: 4547));

        Assert.Equal(422, e.StatusCode);
        Assert.Contains("--srid", e.Problems[0].HowToFix);
        Assert.Equal(1, ok.Version);
    }

    [Fact]
    public async Task Import_LinesIntoPolygonLayer_AreRejected()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var set = SyntheticPolygons.Make(3);
        set.Features[1].Geometry = Wkt.Read("LINESTRING (430000 3800000, 430100 3800100)", 4547);

        var e = await Assert.ThrowsAsync<InputException>(() => new LayerImporter(scratch.Database).ImportAsync(set, Request()));
        var rivers = await new LayerImporter(scratch.Database).ImportAsync(
            new FeatureSet { Srid = 4547, Features = { set.Features[1] } }, Request("SX"));

        Assert.Contains("feature 2", Assert.Single(e.Problems).What);
        Assert.Equal(1, rivers.FeatureCount);
    }
}
