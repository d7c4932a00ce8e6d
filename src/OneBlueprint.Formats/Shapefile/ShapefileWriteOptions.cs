namespace OneBlueprint.Formats.Shapefile;

/// <summary>Text encoding of the .dbf a writer produces.</summary>
public enum ShapefileTextEncoding
{
    /// <summary>
    /// UTF-8, unless some field name is longer than dBASE's 10 bytes in UTF-8 but fits in GB18030 (a
    /// Chinese name of 4–5 characters, e.g. 地块名称 is 12 bytes in UTF-8, 8 in GBK): then GB18030, so the
    /// names survive as Chinese GIS tools write them.
    /// </summary>
    Auto,

    /// <summary>UTF-8 with a .cpg saying "UTF-8" (LDID 0). Read correctly by GDAL/QGIS and ArcGIS 10.x+.</summary>
    Utf8,

    /// <summary>
    /// GB18030 with a .cpg saying "GB18030" (GDAL decodes it) and LDID 0x4D (code page 936), so tools
    /// that ignore the .cpg still take it as GBK; GB18030 equals GBK for every character GBK has.
    /// </summary>
    Gb18030,
}

/// <summary>How <see cref="ShapefileFormat"/> writes.</summary>
public sealed record ShapefileWriteOptions
{
    public ShapefileTextEncoding Encoding { get; init; } = ShapefileTextEncoding.Auto;
}
