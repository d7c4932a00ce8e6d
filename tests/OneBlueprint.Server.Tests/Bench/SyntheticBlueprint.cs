using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Import;

namespace OneBlueprint.Server.Tests.Bench;

/// <summary>
/// A small made-up city in EPSG:4547 for the benchmark's tests: one 12 km district, a wavy 2,400-vertex ecological
/// redline (large enough to be subdivided), a 700-vertex urban boundary, and a grid of 60 m farmland patches.
/// </summary>
public static class SyntheticBlueprint
{
    public const int Srid = 4547;
    private const double OriginX = 480_000, OriginY = 3_840_000;

    public static GeometryFactory Factory => GeometryKit.Factory(Srid);

    public static Polygon District => Box(OriginX, OriginY, OriginX + 12_000, OriginY + 12_000);

    public static Polygon Ecological => Wavy(OriginX + 3_500, OriginY + 8_000, 2_200, 2_400, 0.15, 7);

    public static Polygon UrbanBoundary => Wavy(OriginX + 8_000, OriginY + 4_000, 2_800, 700, 0.1, 5);

    public static IEnumerable<Polygon> Farmland()
    {
        for (var x = OriginX + 500; x < OriginX + 11_500; x += 80)
        for (var y = OriginY + 500; y < OriginY + 4_000; y += 80)
            yield return Box(x, y, x + 60, y + 60);
    }

    /// <summary>Imports the layers into <paramref name="db"/> as their first versions.</summary>
    public static async Task ImportAsync(ObDatabase db)
    {
        var importer = new LayerImporter(db);
        await importer.ImportAsync(Set(District), new LayerImportRequest("XZQH", "test"));
        await importer.ImportAsync(Set(Ecological), new LayerImportRequest("STBHHX", "test"));
        await importer.ImportAsync(Set(UrbanBoundary), new LayerImportRequest("CZKFBJ", "test"));
        await importer.ImportAsync(Set(Farmland().ToArray()), new LayerImportRequest("YJJBNTBHTB", "test"));
    }

    private static FeatureSet Set(params Polygon[] polygons)
    {
        var set = new FeatureSet { Srid = Srid };
        foreach (var p in polygons) set.Features.Add(new GeoFeature(p));
        return set;
    }

    private static Polygon Box(double x0, double y0, double x1, double y1) =>
        Factory.CreatePolygon([new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)]);

    /// <summary>A star-shaped outline r(θ) = R(1 + a·sin kθ): simple for any a &lt; 1.</summary>
    private static Polygon Wavy(double cx, double cy, double radius, int vertices, double amplitude, int lobes)
    {
        var ring = new Coordinate[vertices + 1];
        for (var i = 0; i < vertices; i++)
        {
            var t = 2 * Math.PI * i / vertices;
            var r = radius * (1 + amplitude * Math.Sin(lobes * t));
            ring[i] = new Coordinate(Math.Round(cx + r * Math.Cos(t), 3), Math.Round(cy + r * Math.Sin(t), 3));
        }
        ring[^1] = ring[0].Copy();
        return Factory.CreatePolygon(ring);
    }
}
