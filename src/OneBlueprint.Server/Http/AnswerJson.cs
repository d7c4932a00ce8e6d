using System.Buffers;
using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Http;

/// <summary>
/// Pieces every hand-written JSON answer shares (compliance checks, assessment coverage): the UTF-8 buffer, geometry
/// as GeoJSON in EPSG:4490 lon/lat, and an input problem with what, where and how to fix it.
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
            if (at.File is null) w.WriteNull("file"); else w.WriteString("file", at.File);
            Number(w, "line", at.Line);
            Number(w, "record", at.Record);
            Number(w, "x", at.X);
            Number(w, "y", at.Y);
            w.WriteEndObject();
        }
        else w.WriteNull("where");
        w.WriteString("howToFix", p.HowToFix);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
