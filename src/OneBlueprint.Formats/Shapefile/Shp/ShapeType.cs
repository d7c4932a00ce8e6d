namespace OneBlueprint.Formats.Shapefile.Shp;

/// <summary>Shape type codes of the ESRI Shapefile Technical Description (1998). MultiPatch (31) is not supported.</summary>
internal enum ShapeType
{
    Null = 0,
    Point = 1,
    PolyLine = 3,
    Polygon = 5,
    MultiPoint = 8,
    PointZ = 11,
    PolyLineZ = 13,
    PolygonZ = 15,
    MultiPointZ = 18,
    PointM = 21,
    PolyLineM = 23,
    PolygonM = 25,
    MultiPointM = 28,
}

/// <summary>The four geometry families a shapefile layer can hold; Z and M variants share their family.</summary>
internal enum ShapeFamily { None, Point, MultiPoint, PolyLine, Polygon }

internal static class ShapeTypes
{
    public static bool IsKnown(int code) => Enum.IsDefined(typeof(ShapeType), code);

    public static ShapeFamily Family(ShapeType type) => type switch
    {
        ShapeType.Point or ShapeType.PointZ or ShapeType.PointM => ShapeFamily.Point,
        ShapeType.MultiPoint or ShapeType.MultiPointZ or ShapeType.MultiPointM => ShapeFamily.MultiPoint,
        ShapeType.PolyLine or ShapeType.PolyLineZ or ShapeType.PolyLineM => ShapeFamily.PolyLine,
        ShapeType.Polygon or ShapeType.PolygonZ or ShapeType.PolygonM => ShapeFamily.Polygon,
        _ => ShapeFamily.None,
    };

    public static bool HasZ(ShapeType type) =>
        type is ShapeType.PointZ or ShapeType.PolyLineZ or ShapeType.PolygonZ or ShapeType.MultiPointZ;

    public static bool HasM(ShapeType type) =>
        HasZ(type) || type is ShapeType.PointM or ShapeType.PolyLineM or ShapeType.PolygonM or ShapeType.MultiPointM;

    /// <summary>The code a writer uses for a family, with or without Z (we never write M).</summary>
    public static ShapeType For(ShapeFamily family, bool hasZ) => (family, hasZ) switch
    {
        (ShapeFamily.Point, false) => ShapeType.Point,
        (ShapeFamily.Point, true) => ShapeType.PointZ,
        (ShapeFamily.MultiPoint, false) => ShapeType.MultiPoint,
        (ShapeFamily.MultiPoint, true) => ShapeType.MultiPointZ,
        (ShapeFamily.PolyLine, false) => ShapeType.PolyLine,
        (ShapeFamily.PolyLine, true) => ShapeType.PolyLineZ,
        (ShapeFamily.Polygon, false) => ShapeType.Polygon,
        (ShapeFamily.Polygon, true) => ShapeType.PolygonZ,
        _ => ShapeType.Null,
    };
}
