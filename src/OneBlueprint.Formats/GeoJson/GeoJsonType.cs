namespace OneBlueprint.Formats.GeoJson;

/// <summary>The nine values of a GeoJSON "type" member (RFC 7946 §1.4), which are case sensitive.</summary>
internal enum GeoJsonType
{
    Unknown,
    Point,
    MultiPoint,
    LineString,
    MultiLineString,
    Polygon,
    MultiPolygon,
    GeometryCollection,
    Feature,
    FeatureCollection,
}

internal static class GeoJsonTypes
{
    public static bool IsGeometry(this GeoJsonType type) => type is >= GeoJsonType.Point and <= GeoJsonType.GeometryCollection;

    /// <summary>The exact (case-sensitive) type, or Unknown.</summary>
    public static GeoJsonType Parse(string? name) => name switch
    {
        "Point" => GeoJsonType.Point,
        "MultiPoint" => GeoJsonType.MultiPoint,
        "LineString" => GeoJsonType.LineString,
        "MultiLineString" => GeoJsonType.MultiLineString,
        "Polygon" => GeoJsonType.Polygon,
        "MultiPolygon" => GeoJsonType.MultiPolygon,
        "GeometryCollection" => GeoJsonType.GeometryCollection,
        "Feature" => GeoJsonType.Feature,
        "FeatureCollection" => GeoJsonType.FeatureCollection,
        _ => GeoJsonType.Unknown,
    };

    /// <summary>The type a misspelt name most likely meant: same letters in another case, or null.</summary>
    public static GeoJsonType? CaseInsensitiveMatch(string name) =>
        Enum.TryParse<GeoJsonType>(name, ignoreCase: true, out var t) && t != GeoJsonType.Unknown ? t : null;

    /// <summary>How many array levels the "coordinates" of a geometry type have (Point 1 … MultiPolygon 4).</summary>
    public static string CoordinatesShape(this GeoJsonType type) => type switch
    {
        GeoJsonType.Point => "[x, y]",
        GeoJsonType.MultiPoint or GeoJsonType.LineString => "[[x, y], [x, y], …]",
        GeoJsonType.MultiLineString => "[[[x, y], …], …] (a list of lines)",
        GeoJsonType.Polygon => "[[[x, y], …]] (a list of rings, the first one the outer ring)",
        GeoJsonType.MultiPolygon => "[[[[x, y], …]], …] (a list of polygons, each a list of rings)",
        _ => "",
    };
}
