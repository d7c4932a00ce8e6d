using System.Text.Json.Nodes;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Storage.Import;

namespace OneBlueprint.Server.Tests.Tiles;

/// <summary>
/// Our tiles read back by the independent JavaScript decoder (@mapbox/vector-tile): the features, ids,
/// properties and lon/lat coordinates must match the imported layer clipped to the tile plus its buffer,
/// within one tile unit (1/4096 of the tile).
/// </summary>
[Collection(TileCollection.Name)]
public sealed class TileDecodeTests(TileServerFixture server) : IAsyncLifetime
{
    private const int Z = 14;
    private static readonly SlippyTile Tile = SlippyTile.Containing(113.65, 34.75, Z);
    private LayerImportResult _zx = null!;
    private readonly List<(Polygon Source, (string, object?)[] Attributes)> _sources = [];

    public async Task InitializeAsync()
    {
        var t = Tile;
        Envelope Frac(double x0, double y0, double x1, double y1) => new(t.Lon(x0), t.Lon(x1), t.Lat(y1), t.Lat(y0));
        Polygon BoxOf(Envelope e, params Envelope[] holes) => TileServerFixture.Box(e.MinX, e.MinY, e.MaxX, e.MaxY, holes);

        _sources.Add((BoxOf(Frac(0.10, 0.10, 0.50, 0.50), Frac(0.20, 0.20, 0.30, 0.35)),
            [("名称", "紫线保护区（一号）"), ("编号", 7L), ("面积", 1234.5), ("核心区", true), ("批准日期", new DateOnly(2024, 6, 1)), ("备注", null)]));
        _sources.Add((BoxOf(Frac(0.70, 0.60, 1.30, 0.80)), [("名称", "跨图幅地块 east edge"), ("编号", -3L)]));
        _sources.Add((BoxOf(Frac(3.0, 3.0, 3.2, 3.2)), [("名称", "远处地块"), ("编号", 9L)]));
        _zx = await server.ImportAsync("ZX", _sources.Select(s => TileServerFixture.Feature(s.Source, s.Attributes)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(byte[] Bytes, JsonObject Decoded)> GetAsync(string path, SlippyTile tile)
    {
        var response = await server.Client.GetAsync($"/tiles/{path}/{tile.Z}/{tile.X}/{tile.Y}.mvt");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (bytes, await NodeTileDecoder.DecodeAsync(bytes, tile.Z, tile.X, tile.Y));
    }

    [Fact]
    public async Task Decode_FeaturesIdsPropertiesAndCoordinatesMatchTheLayer()
    {
        var (_, decoded) = await GetAsync("ZX", Tile);
        var layer = decoded["layers"]!["ZX"]!;
        Assert.Equal(2, layer["version"]!.GetValue<int>());
        Assert.Equal(4096, layer["extent"]!.GetValue<int>());
        var features = layer["features"]!.AsArray();
        Assert.Equal(2, features.Count); // the far box is in another tile

        var stored = await server.Store.QueryFeaturesAsync(_zx.VersionId, null, 100, 0);
        var buffered = Tile.LonLatBounds(64);
        var clip = GeometryKit.Factory(4490).ToGeometry(buffered);
        for (var i = 0; i < 2; i++)
        {
            var f = features.Single(x => x!["id"]!.GetValue<ulong>() == ulong.Parse(stored[i].Id!))!;
            var (source, attributes) = _sources[i];

            // properties: every non-null attribute, typed as the spec's Value types
            var props = f["properties"]!.AsObject();
            var expected = attributes.Where(a => a.Item2 is not null).ToList();
            Assert.Equal(expected.Select(a => a.Item1).Order(), props.Select(p => p.Key).Order());
            foreach (var (key, value) in expected)
            {
                var actual = props[key]!;
                switch (value)
                {
                    case string s: Assert.Equal(s, actual.GetValue<string>()); break;
                    case long l: Assert.Equal(l, actual.GetValue<double>()); break;
                    case double d: Assert.Equal(d, actual.GetValue<double>()); break;
                    case bool b: Assert.Equal(b, actual.GetValue<bool>()); break;
                    case DateOnly date: Assert.Equal(date.ToString("yyyy-MM-dd"), actual.GetValue<string>()); break;
                }
            }

            // geometry: the source clipped to the buffered tile, within about one tile unit
            Assert.Equal(3, f["rawType"]!.GetValue<int>());
            var geometry = GeoJsonGeometry.Read(f["geometry"]!);
            var expectedGeometry = source.Intersection(clip);
            Assert.Equal("Polygon", f["geometry"]!["type"]!.GetValue<string>());
            Assert.Equal(((Polygon)expectedGeometry).NumInteriorRings, ((Polygon)geometry).NumInteriorRings);
            var distance = DiscreteHausdorffDistance.Distance(geometry, expectedGeometry);
            Assert.True(distance <= 1.5 * Tile.UnitDegrees, $"feature {i}: Hausdorff distance {distance:E3}° > 1.5 tile units ({Tile.UnitDegrees:E3}°)");
            Assert.Equal(expectedGeometry.Area, geometry.Area, expectedGeometry.Area * 0.01);
        }
    }

    [Fact]
    public async Task Decode_FeatureCrossingTheEdgeIsClippedWithinTheBufferOnBothSides()
    {
        var stored = await server.Store.QueryFeaturesAsync(_zx.VersionId, null, 100, 0);
        var crossingId = ulong.Parse(stored[1].Id!);
        var source = _sources[1].Source.EnvelopeInternal;
        var east = Tile.Lon(1);
        var buffer = 64 * Tile.UnitDegrees;

        var (_, here) = await GetAsync("ZX", Tile);
        var mine = GeoJsonGeometry.Read(here["layers"]!["ZX"]!["features"]!.AsArray().Single(f => f!["id"]!.GetValue<ulong>() == crossingId)!["geometry"]!).EnvelopeInternal;
        Assert.Equal(east + buffer, mine.MaxX, Tile.UnitDegrees);     // cut at the buffer, not at the edge
        Assert.Equal(source.MinX, mine.MinX, Tile.UnitDegrees);

        var neighbour = Tile with { X = Tile.X + 1 };
        var (_, there) = await GetAsync("ZX", neighbour);
        var theirs = GeoJsonGeometry.Read(there["layers"]!["ZX"]!["features"]!.AsArray().Single(f => f!["id"]!.GetValue<ulong>() == crossingId)!["geometry"]!).EnvelopeInternal;
        Assert.Equal(east - buffer, theirs.MinX, Tile.UnitDegrees);
        Assert.Equal(source.MaxX, theirs.MaxX, Tile.UnitDegrees);
        Assert.Equal(source.MinY, theirs.MinY, Tile.UnitDegrees);
        Assert.Equal(source.MaxY, theirs.MaxY, Tile.UnitDegrees);
    }

    [Fact]
    public async Task Decode_InvalidSourceGeometryStillDrawn()
    {
        // A self-intersecting bow tie written straight into PostGIS (the importer would refuse or repair it),
        // crossing the tile edge so that it must be clipped.
        var t = Tile;
        var version = await server.ImportAsync("LVX", [TileServerFixture.Feature(TileServerFixture.Box(t.Lon(0.6), t.Lat(0.4), t.Lon(1.2), t.Lat(0.2)), ("名称", "绿地"))]);
        var f = GeometryKit.Factory(4490);
        var bowTie = f.CreatePolygon([new(t.Lon(0.6), t.Lat(0.2)), new(t.Lon(1.2), t.Lat(0.4)), new(t.Lon(1.2), t.Lat(0.2)), new(t.Lon(0.6), t.Lat(0.4)), new(t.Lon(0.6), t.Lat(0.2))]);
        Assert.False(bowTie.IsValid);
        var working = Reprojector.Transform(bowTie, 4490, server.Store.WorkingSrid);
        await using (var cmd = server.Database.Database.DataSource.CreateCommand(
            "UPDATE ob.layer_feature SET geom = ST_GeomFromText($1, $2) WHERE version_id = $3"))
        {
            cmd.Parameters.Add(new() { Value = new WKTWriter().Write(working) });
            cmd.Parameters.Add(new() { Value = server.Store.WorkingSrid });
            cmd.Parameters.Add(new() { Value = version.VersionId });
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }

        var (_, decoded) = await GetAsync("LVX", Tile);
        var feature = Assert.Single(decoded["layers"]!["LVX"]!["features"]!.AsArray());
        var geometry = GeoJsonGeometry.Read(feature!["geometry"]!);
        var expected = GeometryValidator.Repair(bowTie).Intersection(f.ToGeometry(Tile.LonLatBounds(64)));
        Assert.Equal(expected.Area, geometry.Area, expected.Area * 0.02);
        Assert.Equal("绿地", feature["properties"]!["名称"]!.GetValue<string>());
    }

    [Fact]
    public async Task Decode_PublicCompositeHasOneLayerPerLayerCode()
    {
        var (_, single) = await GetAsync("ZX", Tile);
        var (_, composite) = await GetAsync("public", Tile);
        var layers = composite["layers"]!.AsObject();
        Assert.Contains("ZX", layers.Select(l => l.Key));
        Assert.Equal(single["layers"]!["ZX"]!.ToJsonString(), layers["ZX"]!.ToJsonString());
    }

    [Fact]
    public async Task Decode_EmptyTileIsZeroBytesAndDecodesToNothing()
    {
        var far = new SlippyTile(Z, 0, 0);
        var (bytes, decoded) = await GetAsync("ZX", far);
        Assert.Empty(bytes);
        Assert.Empty(decoded["layers"]!.AsObject());
    }

    [Fact]
    public async Task TileJson_DescribesTheLayer()
    {
        var doc = JsonNode.Parse(await server.Client.GetStringAsync("/tiles/ZX.json"))!;
        Assert.Equal("3.0.0", doc["tilejson"]!.GetValue<string>());
        Assert.EndsWith("/tiles/ZX/{z}/{x}/{y}.mvt", doc["tiles"]![0]!.GetValue<string>());
        var bounds = doc["bounds"]!.AsArray().Select(b => b!.GetValue<double>()).ToArray();
        var all = new Envelope();
        foreach (var (source, _) in _sources) all.ExpandToInclude(source.EnvelopeInternal);
        // the layer's box is kept in the GK working CRS, so its lon/lat outline may be a little larger (meridian convergence)
        Assert.InRange(bounds[0], all.MinX - 1e-3, all.MinX + 1e-9);
        Assert.InRange(bounds[1], all.MinY - 1e-3, all.MinY + 1e-9);
        Assert.InRange(bounds[2], all.MaxX - 1e-9, all.MaxX + 1e-3);
        Assert.InRange(bounds[3], all.MaxY - 1e-9, all.MaxY + 1e-3);
        var fields = doc["vector_layers"]![0]!["fields"]!;
        Assert.Equal("String", fields["名称"]!.GetValue<string>());
        Assert.Equal("Number", fields["编号"]!.GetValue<string>());
        Assert.Equal("Boolean", fields["核心区"]!.GetValue<string>());
        var publicDoc = JsonNode.Parse(await server.Client.GetStringAsync("/tiles/public.json"))!;
        Assert.Contains("ZX", publicDoc["vector_layers"]!.AsArray().Select(l => l!["id"]!.GetValue<string>()));
    }
}
