namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>What a parcel's 图形属性 asks for: 点 → points, 线 → lines, 面 or empty → a polygon.</summary>
internal enum ParcelShape { Polygon, Line, Point }

internal static class ParcelShapes
{
    /// <summary>The shape a 图形属性 value names; empty means polygon, and null is returned for text naming none.</summary>
    public static ParcelShape? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Contains(RedLineTxtFields.ShapePolygon)) return ParcelShape.Polygon;
        if (text.Contains(RedLineTxtFields.ShapeLine)) return ParcelShape.Line;
        if (text.Contains(RedLineTxtFields.ShapePoint)) return ParcelShape.Point;
        return null;
    }

    public static string Name(ParcelShape shape) => shape switch
    {
        ParcelShape.Point => RedLineTxtFields.ShapePoint,
        ParcelShape.Line => RedLineTxtFields.ShapeLine,
        _ => RedLineTxtFields.ShapePolygon,
    };
}
