using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Server.Tests.Tiles;

/// <summary>Reads the decoder's GeoJSON geometries (Point, LineString, Polygon and their Multi forms) into NTS, lon/lat.</summary>
public static class GeoJsonGeometry
{
    private static readonly GeometryFactory F = GeometryKit.Factory(4490);

    public static Geometry Read(JsonNode geometry)
    {
        var c = geometry["coordinates"]!.AsArray();
        return geometry["type"]!.GetValue<string>() switch
        {
            "Point" => F.CreatePoint(Coordinate(c)),
            "MultiPoint" => F.CreateMultiPointFromCoords(c.Select(p => Coordinate(p!.AsArray())).ToArray()),
            "LineString" => F.CreateLineString(Coordinates(c)),
            "MultiLineString" => F.CreateMultiLineString(c.Select(l => F.CreateLineString(Coordinates(l!.AsArray()))).ToArray()),
            "Polygon" => Polygon(c),
            "MultiPolygon" => F.CreateMultiPolygon(c.Select(p => Polygon(p!.AsArray())).ToArray()),
            var other => throw new InvalidOperationException("unexpected GeoJSON type " + other),
        };
    }

    private static Polygon Polygon(JsonArray rings) =>
        F.CreatePolygon(F.CreateLinearRing(Coordinates(rings[0]!.AsArray())),
            rings.Skip(1).Select(r => F.CreateLinearRing(Coordinates(r!.AsArray()))).ToArray());

    private static Coordinate[] Coordinates(JsonArray points) => points.Select(p => Coordinate(p!.AsArray())).ToArray();

    private static Coordinate Coordinate(JsonArray p) => new(p[0]!.GetValue<double>(), p[1]!.GetValue<double>());
}
