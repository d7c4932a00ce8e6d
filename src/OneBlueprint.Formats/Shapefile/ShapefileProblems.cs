using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.Shapefile;

/// <summary>
/// Builds the errors and warnings of the shapefile reader and writer, so codes stay consistent
/// (all start with "shapefile-") and every message names the file and, where there is one, the record.
/// </summary>
internal static class ShapefileProblems
{
    public static InputException Error(string code, string what, string? file, string howToFix, int? record = null, int statusCode = 400) =>
        new(InputProblem.Error("shapefile-" + code, what, Where(file, record), howToFix), statusCode);

    public static InputProblem Warning(string code, string what, string? file, string howToFix, int? record = null) =>
        InputProblem.Warning("shapefile-" + code, what, Where(file, record), howToFix);

    /// <summary>A file that ends before a structure it declares; <paramref name="byteOffset"/> is where reading stopped.</summary>
    public static InputException Truncated(string file, string what, long byteOffset, int? record = null) =>
        Error("truncated", $"{what} at byte offset {byteOffset}, but the file ends there", file,
            "The file is cut short (an interrupted copy or upload?). Copy or export the shapefile again, with all its files (.shp, .shx, .dbf, .prj, .cpg).",
            record);

    /// <summary>Advice for the recoverable problems readers and writers report by code alone.</summary>
    public static string HowToFix(string code) => code switch
    {
        "ring-orientation" or "orphan-hole" or "unclosed-ring" or "short-line" or "nan-point" =>
            "Check the geometry in GIS software (QGIS: Vector > Geometry Tools > Check Validity) and repair it if it is not what you meant.",
        "length-mismatch" => "The .shp header is inconsistent; exporting the shapefile again fixes it.",
        "unknown-cpg" or "encoding-guessed" =>
            "If text looks garbled, put the right encoding name in the .cpg file (UTF-8 or GBK) and read again.",
        "unsupported-field" => "Convert the field to text or a number in GIS software if you need it.",
        "field-renamed" => "Rename the fields so they are unique and at most 10 bytes long if the new names are not wanted.",
        "bad-value" => "Correct the value in the attribute table.",
        "field-as-text" => "Give the attribute one type in all features if a typed field is needed.",
        "text-truncated" => "Shorten the text, or export to GeoPackage, which has no 254-byte limit.",
        "not-finite" => "Replace NaN and infinite values before exporting if empty values are not wanted.",
        _ => "Check the data in GIS software.",
    };

    private static SourceLocation? Where(string? file, int? record) =>
        file is null && record is null ? null : new SourceLocation(file, Record: record);
}
