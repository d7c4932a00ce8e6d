namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// The names the red-line TXT format (界址点坐标交换格式) gives its sections, keys and parcel header
/// fields. Features read from a TXT file carry their attributes under these Chinese names, in header
/// order; header fields past the eighth are kept as 字段N, N being the field's 1-based position.
/// Metadata keys are "section.key" (属性描述.带号) so the writer can put each back in its section.
/// </summary>
public static class RedLineTxtFields
{
    public const string ProjectSection = "项目信息";
    public const string DescriptionSection = "属性描述";
    public const string ParcelSection = "地块坐标";

    public const string FormatVersionKey = "格式版本号";
    public const string CoordinateSystemKey = "坐标系";
    public const string ZoneWidthKey = "几度分带";
    public const string ProjectionKey = "投影类型";
    public const string UnitKey = "计量单位";
    public const string ZoneKey = "带号";
    public const string PrecisionKey = "精度";
    public const string TransformationKey = "转换参数";

    public const string PointCount = "界址点数";
    public const string Area = "地块面积";
    public const string ParcelNumber = "地块编号";
    public const string ParcelName = "地块名称";
    public const string ShapeType = "图形属性";
    public const string MapSheet = "图幅号";
    public const string LandUse = "地块用途";
    public const string LandClassCode = "地类编码";

    /// <summary>The eight named header fields, in file order (the ninth field is the closing @).</summary>
    public static readonly IReadOnlyList<string> HeaderFields =
        [PointCount, Area, ParcelNumber, ParcelName, ShapeType, MapSheet, LandUse, LandClassCode];

    public const string HeaderTerminator = "@";

    /// <summary>图形属性 values.</summary>
    public const string ShapePoint = "点";
    public const string ShapeLine = "线";
    public const string ShapePolygon = "面";

    /// <summary>Attribute name of an unnamed header field at a 1-based position (9 → 字段9).</summary>
    public static string ExtraField(int position) => $"字段{position}";

    /// <summary>Metadata key of a section's key: ("属性描述", "带号") → "属性描述.带号".</summary>
    public static string MetadataKey(string section, string key) => $"{section}.{key}";
}
