using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Server.Compliance;
using OneBlueprint.Server.Tiles;

namespace OneBlueprint.Server.Tests.Tiles;

/// <summary>
/// Control-layer tiles drawn from the in-memory blueprint must show what the same tiles drawn from PostGIS show: the
/// same features (ids, properties) and the same geometry within a tile unit, read back by the independent decoder,
/// at every zoom from overview (sub-pixel features left out, simplified) to street level.
/// </summary>
[Collection(TileCollection.Name)]
public sealed class BlueprintTileTests(TileServerFixture server)
{
    [Fact]
    public async Task BlueprintTiles_SameFeaturesAndGeometryAsFromPostGis()
    {
        var t = SlippyTile.Containing(113.71, 34.69, 14);
        Envelope Frac(double x0, double y0, double x1, double y1) => new(t.Lon(x0), t.Lon(x1), t.Lat(y1), t.Lat(y0));
        Polygon BoxOf(Envelope e, params Envelope[] holes) => TileServerFixture.Box(e.MinX, e.MinY, e.MaxX, e.MaxY, holes);
        var imported = await server.ImportAsync("HX", [
            TileServerFixture.Feature(BoxOf(Frac(0.1, 0.1, 0.6, 0.6), Frac(0.2, 0.2, 0.3, 0.3)), ("名称", "有洞的地块"), ("批准日期", new DateOnly(2025, 3, 1))),
            TileServerFixture.Feature(BoxOf(Frac(0.7, 0.5, 1.4, 0.9)), ("名称", "跨图幅地块"), ("编号", 12L)),
            TileServerFixture.Feature(BoxOf(Frac(0.05, 0.80, 0.052, 0.802)), ("名称", "很小的地块")), // below a pixel from z13 down
            TileServerFixture.Feature(BoxOf(Frac(-2.0, -1.5, 3.0, -0.5)), ("名称", "大地块"), ("面积", 1.5e6)),
        ]);

        var store = server.Store;
        var version = await store.GetVersionByIdAsync(imported.VersionId) ?? throw new InvalidOperationException("version not found");
        var index = await ControlLayerLoading.BuildAsync(store, version, null, null, CancellationToken.None);
        var layer = new TileLayerSource("HX", "黄线", imported.VersionId, (await store.GetLayerAsync("HX"))!.Bbox);
        await using var query = new TileFeatureQuery(server.Database.Database);
        var cache = new TileCache(Path.Combine(server.CacheRoot, "unused"));
        var fromPostGis = new TileService(store, cache, NullLogger<TileService>.Instance, query: query);
        var fromMemory = new TileService(store, cache, NullLogger<TileService>.Instance, query: query, blueprint: new BlueprintCache(new BlueprintSnapshot([index])));
        Assert.NotNull(BlueprintTileFeatures.IndexFor(new BlueprintCache(new BlueprintSnapshot([index])), layer));

        var compared = 0;
        foreach (var z in new[] { 10, 12, 14, 15, 16 })
        {
            var (lon, lat) = (t.Lon(0.75), t.Lat(0.6)); // a tile holding the edge-crossing feature at every zoom
            var tile = SlippyTile.Containing(lon, lat, z);
            var address = new TileAddress(tile.Z, tile.X, tile.Y);
            var a = await NodeTileDecoder.DecodeAsync(await fromPostGis.RenderAsync([layer], address, CancellationToken.None), tile.Z, tile.X, tile.Y);
            var b = await NodeTileDecoder.DecodeAsync(await fromMemory.RenderAsync([layer], address, CancellationToken.None), tile.Z, tile.X, tile.Y);
            var expected = Features(a);
            var actual = Features(b);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.NotEmpty(expected);
            foreach (var (id, (props, geometry)) in expected)
            {
                Assert.Equal(props, actual[id].Props);
                var distance = DiscreteHausdorffDistance.Distance(geometry, actual[id].Geometry);
                Assert.True(distance <= 1.5 * tile.UnitDegrees, $"z{z} feature {id}: Hausdorff distance {distance:E3}° > 1.5 tile units");
                compared++;
            }
            if (z <= 12) Assert.DoesNotContain(actual.Values, f => f.Props.Contains("很小的地块"));
        }
        Assert.True(compared >= 8, $"only {compared} features compared");
    }

    private static Dictionary<ulong, (string Props, Geometry Geometry)> Features(JsonObject decoded) =>
        decoded["layers"]!.AsObject().TryGetPropertyValue("HX", out var layer)
            ? layer!["features"]!.AsArray().ToDictionary(
                f => f!["id"]!.GetValue<ulong>(),
                f => (f!["properties"]!.ToJsonString(), GeoJsonGeometry.Read(f["geometry"]!)))
            : [];
}
