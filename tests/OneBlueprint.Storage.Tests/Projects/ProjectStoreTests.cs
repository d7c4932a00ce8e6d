using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Projects;
using OneBlueprint.Storage.Tests.Support;

namespace OneBlueprint.Storage.Tests.Projects;

public sealed class ProjectStoreTests
{
    private static FeatureSet Parcels(int srid = 4547, params (string Id, string Wkt)[] parcels)
    {
        var set = new FeatureSet { Srid = srid, Name = "redline" };
        var i = 0;
        foreach (var (id, wkt) in parcels)
        {
            var f = new GeoFeature(Wkt.Read(wkt, srid)) { Id = id };
            f.Attributes["界址点数"] = 5L;
            f.Attributes["地块面积"] = 0.76;
            f.Attributes["地块编号"] = id;
            f.Attributes["地块名称"] = $"地块{++i}";
            f.Attributes["图形属性"] = "面";
            f.Attributes["地块用途"] = "工业用地";
            set.Features.Add(f);
        }
        return set;
    }

    private const string WithHole = "POLYGON ((465650 3846600, 465750 3846600, 465750 3846700, 465650 3846700, 465650 3846600), (465670 3846620, 465670 3846640, 465690 3846640, 465690 3846620, 465670 3846620))";
    private const string Square = "POLYGON ((465800 3846600, 465850 3846600, 465850 3846650, 465800 3846650, 465800 3846600))";
    private const string Multi = "MULTIPOLYGON (((465900 3846600, 465950 3846600, 465950 3846650, 465900 3846600)), ((466000 3846600, 466050 3846600, 466050 3846650, 466000 3846600)))";

    [Fact]
    public async Task Upsert_CreateThenUpdate_AuditsBoth()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var store = new ProjectStore(scratch.Database);

        var created = await store.UpsertProjectAsync("2024-410105-47-01-000001", "郑东新区某厂房项目", "工业", "410105", "planner-li");
        var updated = await store.UpsertProjectAsync("2024-410105-47-01-000001", "郑东新区某厂房项目（二期）", "工业", "410105", "planner-wang");

        Assert.Equal("planner-li", updated.CreatedBy);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.Equal("郑东新区某厂房项目（二期）", (await store.GetProjectAsync(created.Code))!.Name);
        Assert.Null(updated.LatestRevision);
        var audit = await AuditLog.ListAsync(scratch.Database, entity: "project");
        Assert.Equal(["project.update", "project.create"], audit.Select(a => a.Entry.Action));
        Assert.Equal("郑东新区某厂房项目", (string?)audit[0].Entry.Details!["before"]!["name"]);
        Assert.Equal("郑东新区某厂房项目（二期）", (string?)audit[0].Entry.Details!["after"]!["name"]);
    }

    [Fact]
    public async Task AddRedLineRevision_SeveralParcelsWithHoles_RoundTripAndRevisionsIncrement()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var store = new ProjectStore(scratch.Database);
        await store.UpsertProjectAsync("P1", "项目一", null, null, "t");

        var first = await store.AddRedLineRevisionAsync("P1", Parcels(4547, ("1", WithHole), ("2", Square)), "planner", "A.txt");
        var second = await store.AddRedLineRevisionAsync("P1", Parcels(4547, ("1", Square), ("2", Multi), ("3", WithHole)), "planner", "A-v2.txt");

        Assert.Equal(1, first);
        Assert.Equal(2, second);
        var latest = (await store.GetRedLineAsync("P1"))!;
        var original = (await store.GetRedLineAsync("P1", 1))!;
        Assert.Equal(["1", "2", "3"], latest.Features.Select(f => f.Id));
        Assert.Equal(4547, latest.Srid);
        Assert.True(Wkt.Read(WithHole, 4547).EqualsExact(original.Features[0].Geometry));
        Assert.True(Wkt.Read(Multi, 4547).EqualsExact(latest.Features[1].Geometry));
        Assert.Equal(["界址点数", "地块面积", "地块编号", "地块名称", "图形属性", "地块用途"], original.Features[0].Attributes.Keys);
        Assert.Equal(0.76, original.Features[0].Attributes["地块面积"]);
        Assert.Equal(5L, original.Features[0].Attributes["界址点数"]);
        Assert.Null(await store.GetRedLineAsync("P1", 3));
        Assert.Null(await store.GetRedLineAsync("nope"));

        // PostGIS agrees on holes and areas
        Assert.Equal(1, await Sql.ScalarAsync<int>(scratch.DataSource,
            "SELECT ST_NumInteriorRings(geom) FROM ob.project_redline WHERE project_code = 'P1' AND revision = 1 AND parcel_no = 1"));
        Assert.Equal("地块1", await Sql.ScalarAsync<string>(scratch.DataSource,
            "SELECT parcel_name FROM ob.project_redline WHERE project_code = 'P1' AND revision = 1 AND parcel_no = 1"));
        var revisions = await store.ListRedLineRevisionsAsync("P1");
        Assert.Equal([2, 1], revisions.Select(r => r.Revision));
        Assert.Equal(latest.Features.Sum(f => f.Geometry.Area), revisions[0].AreaSquareMetres, 6);
        Assert.Equal(2, (await store.GetProjectAsync("P1"))!.LatestRevision);

        var audit = await AuditLog.ListAsync(scratch.Database, entity: "project", entityId: "P1");
        Assert.Equal("project.redline.add", audit[0].Entry.Action);
        Assert.Equal(1, audit[0].Entry.BeforeId);
        Assert.Equal(2, audit[0].Entry.AfterId);
    }

    [Fact]
    public async Task AddRedLineRevision_UnknownProject_Is404AndWritesNothing()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();

        var e = await Assert.ThrowsAsync<InputException>(() =>
            new ProjectStore(scratch.Database).AddRedLineRevisionAsync("ghost", Parcels(4547, ("1", Square)), "t", null));

        Assert.Equal(404, e.StatusCode);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(scratch.DataSource, "SELECT count(*) FROM ob.project_redline"));
        Assert.Empty(await AuditLog.ListAsync(scratch.Database));
    }

    [Fact]
    public async Task AddRedLineRevision_WrongCrsOrLine_Is422()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var store = new ProjectStore(scratch.Database);
        await store.UpsertProjectAsync("P1", "项目一", null, null, "t");

        var crs = await Assert.ThrowsAsync<InputException>(() => store.AddRedLineRevisionAsync("P1", Parcels(4490, ("1", Square)), "t", "x.txt"));
        var line = await Assert.ThrowsAsync<InputException>(() =>
            store.AddRedLineRevisionAsync("P1", Parcels(4547, ("1", Square), ("7", "LINESTRING (0 0, 10 10)")), "t", "x.txt"));

        Assert.Equal(422, crs.StatusCode);
        Assert.Contains("EPSG:4490", crs.Problems[0].What);
        Assert.Equal(422, line.StatusCode);
        Assert.Contains("parcel 7", Assert.Single(line.Problems).What);
        Assert.Null((await store.GetProjectAsync("P1"))!.LatestRevision);
    }

    [Fact]
    public async Task ListProjects_NewestFirst()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var store = new ProjectStore(scratch.Database);
        await store.UpsertProjectAsync("A", "first", null, null, "t");
        await store.UpsertProjectAsync("B", "second", null, null, "t");

        var list = await store.ListProjectsAsync();

        Assert.Equal(["B", "A"], list.Select(p => p.Code));
    }
}
