using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Tests.Support;

/// <summary>Hand-made geometry in the working CRS (EPSG:4547, around Zhengzhou: x ≈ 500 km, y ≈ 3,840 km).</summary>
internal static class Shapes
{
    public const int Srid = 4547;
    public const double X0 = 500_000;
    public const double Y0 = 3_840_000;

    public static readonly GeometryFactory Factory = GeometryKit.Factory(Srid);
    private static readonly WKTReader Reader = new(GeometryKit.Services);

    public static Geometry Wkt(string wkt)
    {
        var g = Reader.Read(wkt);
        g.SRID = Srid;
        return g;
    }

    /// <summary>Axis-aligned rectangle, coordinates relative to (X0, Y0).</summary>
    public static Polygon Rect(double x, double y, double width, double height) =>
        Factory.CreatePolygon(Ring(x, y, width, height));

    public static Polygon Square(double x, double y, double size) => Rect(x, y, size, size);

    public static Polygon WithHoles(Polygon shell, params Polygon[] holes) =>
        Factory.CreatePolygon((LinearRing)shell.ExteriorRing, holes.Select(h => (LinearRing)h.ExteriorRing).ToArray());

    public static MultiPolygon Multi(params Polygon[] parts) => Factory.CreateMultiPolygon(parts);

    private static LinearRing Ring(double x, double y, double w, double h) => Factory.CreateLinearRing(
    [
        new Coordinate(X0 + x, Y0 + y), new Coordinate(X0 + x + w, Y0 + y), new Coordinate(X0 + x + w, Y0 + y + h),
        new Coordinate(X0 + x, Y0 + y + h), new Coordinate(X0 + x, Y0 + y),
    ]);

    /// <summary>A star-shaped polygon (simple by construction: one vertex per angle, radii positive).</summary>
    public static Polygon Blob(Random random, double cx, double cy, double radius, int vertices, double roughness = 0.3)
    {
        var phases = Enumerable.Range(0, 4).Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
        var coordinates = new Coordinate[vertices + 1];
        for (var i = 0; i < vertices; i++)
        {
            var angle = 2 * Math.PI * i / vertices;
            var r = radius * (1 + roughness * (0.5 * Math.Sin(3 * angle + phases[0]) + 0.3 * Math.Sin(7 * angle + phases[1])
                + 0.15 * Math.Sin(17 * angle + phases[2])) + roughness * 0.05 * (random.NextDouble() - 0.5));
            coordinates[i] = new Coordinate(cx + r * Math.Cos(angle), cy + r * Math.Sin(angle));
        }
        coordinates[vertices] = coordinates[0].Copy();
        return Factory.CreatePolygon(coordinates);
    }

    /// <summary>A regular polygon approximating a circle (for holes).</summary>
    public static Polygon Circle(double cx, double cy, double radius, int vertices)
    {
        var coordinates = new Coordinate[vertices + 1];
        for (var i = 0; i < vertices; i++)
        {
            var angle = 2 * Math.PI * i / vertices;
            coordinates[i] = new Coordinate(cx + radius * Math.Cos(angle), cy + radius * Math.Sin(angle));
        }
        coordinates[vertices] = coordinates[0].Copy();
        return Factory.CreatePolygon(coordinates);
    }
}
