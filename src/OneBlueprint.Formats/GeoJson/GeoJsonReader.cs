using OneBlueprint.Geo.Features;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>
/// Reads GeoJSON (RFC 7946) — a FeatureCollection, a single Feature or a bare geometry (which becomes one
/// feature without attributes) — into a <see cref="FeatureSet"/>.
/// <list type="bullet">
/// <item>CRS: RFC 7946 means WGS 84 lon/lat; OneBlueprint reads it as CGCS2000 lon/lat, EPSG:4490 (the two
/// agree within centimetres). A legacy "crs" member (GDAL writes one for other systems) sets the SRID;
/// <see cref="GeoJsonReadOptions.ForceSrid"/> overrides both.</item>
/// <item>Properties become attributes in their order: string, long (integers), double, bool, null, and
/// <see cref="RawJson"/> for nested objects/arrays. A Feature "id" (string or number) becomes
/// <see cref="GeoFeature.Id"/>; a null geometry becomes an empty GeometryCollection.</item>
/// <item>Every error of the input is reported at once in an <see cref="Geo.Problems.InputException"/> (400),
/// each with line, column and JSON path; warnings (ring winding, extra decimals, ...) go to
/// <see cref="FeatureSet.Warnings"/>. Nothing is repaired.</item>
/// </list>
/// The text is read in one pass of Utf8JsonReader over the bytes (no JsonDocument), so large collections
/// cost little more than their geometries.
/// </summary>
public static class GeoJsonReader
{
    /// <param name="sourceName">Shown in messages where a file name would be ("request body").</param>
    public static FeatureSet Read(ReadOnlySpan<byte> utf8, string sourceName, GeoJsonReadOptions? options = null) =>
        GeoJsonParser.Parse(utf8, sourceName, options ?? GeoJsonReadOptions.Default);

    public static FeatureSet Read(Stream stream, string sourceName, GeoJsonReadOptions? options = null)
    {
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var buffer))
            return Read(buffer.AsSpan((int)memory.Position), sourceName, options);
        byte[] bytes;
        if (stream.CanSeek)
        {
            bytes = new byte[stream.Length - stream.Position];
            stream.ReadExactly(bytes);
        }
        else
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }
        return Read(bytes, sourceName, options);
    }

    /// <summary>Reads GeoJSON held in a string (tests, small request bodies).</summary>
    public static FeatureSet ReadText(string json, string sourceName, GeoJsonReadOptions? options = null) =>
        Read(System.Text.Encoding.UTF8.GetBytes(json), sourceName, options);
}
