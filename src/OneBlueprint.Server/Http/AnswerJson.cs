using System.Buffers;
using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Http;

/// <summary>
/// Pieces every hand-written JSON answer shares (compliance checks, assessment coverage): the UTF-8 buffer, geometry
/// as GeoJSON in EPSG:4490 lon/lat, an input problem with what, where and how to fix it, and null-aware values.
/// </summary>
public static class AnswerJson
{
    /// <summary>9 decimals of a degree ≈ 0.1 mm: parts keep survey precision.</summary>
    public const int LonLatDecimals = 9;

    public static byte[] Utf8(Action<Utf8JsonWriter> write, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, GeoJsonWriter.JsonOptions(indented))) write(writer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A working-CRS geometry as a GeoJSON geometry in EPSG:4490; null when there is none or it is empty.</summary>
    public static void WriteLonLat(Utf8JsonWriter w, Geometry? geometry, int srid)
    {
        if (geometry is null || geometry.IsEmpty) { w.WriteNullValue(); return; }
        GeoJsonWriter.WriteGeometry(w, Reprojector.Transform(geometry, srid, CrsCatalog.Cgcs2000), LonLatDecimals);
    }

    /// <summary>{severity, code, what, where {file, line, record, x, y} | null, howToFix}.</summary>
    public static void WriteProblem(Utf8JsonWriter w, InputProblem p)
    {
        w.WriteStartObject();
        w.WriteString("severity", p.Severity.ToString().ToLowerInvariant());
        w.WriteString("code", p.Code);
        w.WriteString("what", p.What);
        if (p.Where is { } at)
        {
            w.WriteStartObject("where");
            WriteStringOrNull(w, "file", at.File);
            WriteNumberOrNull(w, "line", at.Line);
            WriteNumberOrNull(w, "record", at.Record);
            WriteNumberOrNull(w, "x", at.X);
            WriteNumberOrNull(w, "y", at.Y);
            w.WriteEndObject();
        }
        else w.WriteNull("where");
        w.WriteString("howToFix", p.HowToFix);
        w.WriteEndObject();
    }

    public static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    /// <summary>The number, or null when there is none or it is not finite (JSON has no NaN).</summary>
    public static void WriteNumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    public static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
