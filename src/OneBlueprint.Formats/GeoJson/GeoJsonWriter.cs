using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>
/// Writes features and geometries as GeoJSON with <see cref="Utf8JsonWriter"/>. Sets in EPSG:4490, 4326 or
/// without SRID are written as plain RFC 7946 (CGCS2000 lon/lat taken as WGS 84: they agree within
/// centimetres); any other SRID gets the legacy "crs" member so GDAL and QGIS place the data correctly.
/// Coordinates are rounded to a number of decimals, or written exactly (shortest form that reads back
/// to the same double) with <see cref="RoundTripDecimals"/>. The pieces are public so server code can
/// put a geometry or a feature inside a larger JSON response.
/// </summary>
public static class GeoJsonWriter
{
    /// <summary>Decimals value meaning "do not round": every double is written so it reads back exactly.</summary>
    public const int RoundTripDecimals = -1;

    /// <summary>9 decimals for degrees (≈ 0.1 mm), 3 for metres (1 mm).</summary>
    public static int DefaultDecimals(int? srid) => GeoJsonCrs.IsGeographic(srid) ? 9 : 3;

    /// <summary>
    /// Writer options for GeoJSON text: Chinese and other non-ASCII text stays readable UTF-8 instead of
    /// \uXXXX escapes (the escaping the default encoder does is for embedding JSON in HTML, not needed here).
    /// </summary>
    public static JsonWriterOptions JsonOptions(bool indented = false) =>
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = indented };

    public static void Write(FeatureSet features, Stream stream, GeoJsonWriteOptions? options = null)
    {
        options ??= GeoJsonWriteOptions.Default;
        using var writer = new Utf8JsonWriter(stream, JsonOptions(options.Indented));
        Write(features, writer, options);
    }

    public static byte[] WriteToUtf8Bytes(FeatureSet features, GeoJsonWriteOptions? options = null)
    {
        options ??= GeoJsonWriteOptions.Default;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions(options.Indented))) Write(features, writer, options);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a FeatureCollection: "name" if the set has one, the legacy "crs" if needed, then the features.</summary>
    public static void Write(FeatureSet features, Utf8JsonWriter writer, GeoJsonWriteOptions? options = null)
    {
        options ??= GeoJsonWriteOptions.Default;
        var decimals = options.Decimals ?? DefaultDecimals(features.Srid);
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        if (features.Name is not null) writer.WriteString("name", features.Name);
        if (!GeoJsonCrs.IsRfc7946(features.Srid))
        {
            writer.WriteStartObject("crs");
            writer.WriteString("type", "name");
            writer.WriteStartObject("properties");
            writer.WriteString("name", GeoJsonCrs.LegacyName(features.Srid!.Value));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteStartArray("features");
        foreach (var feature in features.Features)
        {
            WriteFeature(writer, feature, decimals, options.RightHandRule);
            if (writer.BytesPending > 1 << 16) writer.Flush(); // a writer over a Stream buffers everything until flushed
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>
    /// A Feature: "id" (a number when the id is a plain integer, so GDAL takes it as the FID), "properties",
    /// "geometry" (null for an empty GeometryCollection, which is how the reader keeps a null geometry).
    /// </summary>
    public static void WriteFeature(Utf8JsonWriter writer, GeoFeature feature, int decimals, bool rightHandRule = true)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        if (feature.Id is { } id)
        {
            writer.WritePropertyName("id");
            if (IsPlainInteger(id, out var number)) writer.WriteNumberValue(number);
            else writer.WriteStringValue(id);
        }
        writer.WritePropertyName("properties");
        WriteProperties(writer, feature.Attributes);
        writer.WritePropertyName("geometry");
        if (feature.Geometry is GeometryCollection { IsEmpty: true } and not MultiPoint and not MultiLineString and not MultiPolygon)
            writer.WriteNullValue();
        else
            WriteGeometry(writer, feature.Geometry, decimals, rightHandRule);
        writer.WriteEndObject();
    }

    public static void WriteProperties(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> attributes)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in attributes)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, value);
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// One attribute value: numbers and booleans as JSON numbers/booleans, <see cref="RawJson"/> as the JSON
    /// it holds, dates as ISO 8601 strings (yyyy-MM-dd, yyyy-MM-ddTHH:mm:ss), NaN/∞ as null, anything else as text.
    /// </summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case short s16: writer.WriteNumberValue(s16); break;
            case byte u8: writer.WriteNumberValue(u8); break;
            case uint u32: writer.WriteNumberValue(u32); break;
            case ulong u64: writer.WriteNumberValue(u64); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case double d when double.IsFinite(d): WriteDouble(writer, d); break;
            case float f when float.IsFinite(f): WriteDouble(writer, f); break;
            case double or float: writer.WriteNullValue(); break;
            case RawJson raw: writer.WriteRawValue(raw.Json); break;
            case DateOnly date: writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case DateTime time: writer.WriteStringValue(FormatTime(time)); break;
            case DateTimeOffset offset: writer.WriteStringValue(offset.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)); break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>
    /// A geometry object. <paramref name="decimals"/>: digits after the point, or <see cref="RoundTripDecimals"/>.
    /// With <paramref name="rightHandRule"/>, exterior rings are written counterclockwise and holes clockwise.
    /// Z is written where it is known; M is dropped (GeoJSON has no measures).
    /// </summary>
    public static void WriteGeometry(Utf8JsonWriter writer, Geometry? geometry, int decimals, bool rightHandRule = true)
    {
        if (geometry is null) { writer.WriteNullValue(); return; }
        writer.WriteStartObject();
        writer.WriteString("type", TypeName(geometry));
        if (geometry is GeometryCollection collection and not (MultiPoint or MultiLineString or MultiPolygon))
        {
            writer.WriteStartArray("geometries");
            foreach (var part in collection.Geometries) WriteGeometry(writer, part, decimals, rightHandRule);
            writer.WriteEndArray();
        }
        else
        {
            writer.WritePropertyName("coordinates");
            WriteCoordinates(writer, geometry, decimals, rightHandRule);
        }
        writer.WriteEndObject();
    }

    private static string TypeName(Geometry geometry) => geometry switch
    {
        Point => "Point",
        LineString => "LineString", // a LinearRing too
        Polygon => "Polygon",
        MultiPoint => "MultiPoint",
        MultiLineString => "MultiLineString",
        MultiPolygon => "MultiPolygon",
        GeometryCollection => "GeometryCollection",
        _ => throw new ArgumentException($"GeoJSON has no geometry type for {geometry.GeometryType}", nameof(geometry)),
    };

    private static void WriteCoordinates(Utf8JsonWriter writer, Geometry geometry, int decimals, bool rightHandRule)
    {
        switch (geometry)
        {
            case Point point:
                if (point.IsEmpty) { writer.WriteStartArray(); writer.WriteEndArray(); }
                else WritePosition(writer, point.CoordinateSequence, 0, decimals);
                break;
            case LineString line:
                WriteSequence(writer, line.CoordinateSequence, decimals, reverse: false);
                break;
            case Polygon polygon:
                WritePolygon(writer, polygon, decimals, rightHandRule);
                break;
            case MultiPoint points:
                writer.WriteStartArray();
                foreach (var part in points.Geometries)
                    if (!part.IsEmpty) WritePosition(writer, ((Point)part).CoordinateSequence, 0, decimals);
                writer.WriteEndArray();
                break;
            case GeometryCollection multi: // MultiLineString, MultiPolygon
                writer.WriteStartArray();
                foreach (var part in multi.Geometries) WriteCoordinates(writer, part, decimals, rightHandRule);
                writer.WriteEndArray();
                break;
        }
    }

    private static void WritePolygon(Utf8JsonWriter writer, Polygon polygon, int decimals, bool rightHandRule)
    {
        writer.WriteStartArray();
        if (!polygon.IsEmpty)
        {
            WriteRing(writer, polygon.Shell.CoordinateSequence, decimals, rightHandRule, exterior: true);
            foreach (var hole in polygon.Holes)
                WriteRing(writer, hole.CoordinateSequence, decimals, rightHandRule, exterior: false);
        }
        writer.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter writer, CoordinateSequence ring, int decimals, bool rightHandRule, bool exterior)
    {
        var reverse = false;
        if (rightHandRule)
        {
            var area = RingWinding.SignedArea(ring);
            reverse = exterior ? area < 0 : area > 0;
        }
        WriteSequence(writer, ring, decimals, reverse);
    }

    private static void WriteSequence(Utf8JsonWriter writer, CoordinateSequence sequence, int decimals, bool reverse)
    {
        writer.WriteStartArray();
        var n = sequence.Count;
        for (var i = 0; i < n; i++) WritePosition(writer, sequence, reverse ? n - 1 - i : i, decimals);
        writer.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter writer, CoordinateSequence sequence, int index, int decimals)
    {
        writer.WriteStartArray();
        WriteNumber(writer, sequence.GetX(index), decimals);
        WriteNumber(writer, sequence.GetY(index), decimals);
        if (sequence.HasZ && sequence.GetZ(index) is var z && !double.IsNaN(z)) WriteNumber(writer, z, decimals);
        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, double value, int decimals)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"a coordinate is {value}; GeoJSON can only hold finite numbers");
        // Utf8JsonWriter writes the shortest text that reads back to the same double, so a rounded value
        // comes out with no trailing noise digits (113.123456789, not 113.12345678900001).
        writer.WriteNumberValue(decimals < 0 ? value : Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// A double attribute in its shortest exact form, with ".0" when it looks like an integer: the reader
    /// (and GDAL) take "5" as an integer, so 5.0 would otherwise come back as a long.
    /// </summary>
    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.AsSpan().TrimStart('-').ContainsAnyExcept("0123456789")) writer.WriteNumberValue(value);
        else writer.WriteRawValue(text + ".0", skipInputValidation: true);
    }

    private static string FormatTime(DateTime time)
    {
        var text = time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            CultureInfo.InvariantCulture);
        return time.Kind == DateTimeKind.Utc ? text + "Z" : text;
    }

    /// <summary>An id like "42" or "-7" (no leading zeros, no sign on zero) that can be written as a JSON number and read back unchanged.</summary>
    private static bool IsPlainInteger(string id, out long number) =>
        long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number)
        && number.ToString(CultureInfo.InvariantCulture) == id;
}
