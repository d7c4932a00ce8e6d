using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>The members that do not hold geometry: "properties", "bbox" and the legacy "crs".</summary>
internal ref partial struct GeoJsonParser
{
    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Reads "properties" into the feature's attributes, in their order: string → string, integer → long,
    /// other numbers → double, booleans, null, and objects/arrays → <see cref="RawJson"/>.
    /// </summary>
    private void ReadProperties(ref Utf8JsonReader r, GeoFeature feature)
    {
        if (r.TokenType == JsonTokenType.Null) return;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            Error(GeoJsonCodes.PropertiesNotObject, $"\"properties\" is {Describe(r.TokenType)}; it must be an object or null",
                Abs(ref r), "Write the attributes as an object: \"properties\": {\"name\": \"…\", \"area\": 1.5}.");
            r.Skip();
            return;
        }
        var attributes = feature.Attributes;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var keyOffset = Abs(ref r);
            var key = r.GetString()!;
            r.Read();
            var value = ReadAttributeValue(ref r);
            if (!attributes.TryAdd(key, value))
            {
                Warning(GeoJsonCodes.DuplicateProperty, $"the property \"{key}\" appears twice in one feature; the last value was kept",
                    keyOffset, "Give each property its own name.");
                attributes[key] = value;
            }
        }
    }

    private object? ReadAttributeValue(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.String: return r.GetString();
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            case JsonTokenType.Null: return null;
            case JsonTokenType.Number:
                if (r.TryGetInt64(out var integer)) return integer;
                if (r.TryGetDouble(out var number) && double.IsFinite(number)) return number;
                return new RawJson(System.Text.Encoding.UTF8.GetString(r.ValueSpan)); // beyond double: keep the digits
            default:
                var start = Abs(ref r);
                r.Skip();
                var end = _base + (int)r.BytesConsumed;
                return new RawJson(Compact(_data[start..end]));
        }
    }

    /// <summary>Nested values without the whitespace of the source, so equal values give equal text.</summary>
    private static string Compact(ReadOnlySpan<byte> json)
    {
        if (json.IndexOfAny(" \t\r\n"u8) < 0 && json.IndexOf((byte)'\\') < 0) return System.Text.Encoding.UTF8.GetString(json);
        using var document = JsonDocument.Parse(json.ToArray());
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, CompactWriter)) document.RootElement.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>RFC 7946 §5: an array of 2×n numbers (4 for 2D, 6 for 3D).</summary>
    private void CheckBbox(ref Utf8JsonReader r)
    {
        var start = Abs(ref r);
        const string fix = "Write \"bbox\": [west, south, east, north] (or with min/max heights: 6 numbers), or drop it.";
        if (r.TokenType != JsonTokenType.StartArray)
        {
            Error(GeoJsonCodes.BboxInvalid, $"\"bbox\" is {Describe(r.TokenType)}; it must be an array of numbers", start, fix);
            r.Skip();
            return;
        }
        int count = 0, notNumbers = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            count++;
            if (r.TokenType != JsonTokenType.Number) notNumbers++;
            r.Skip();
        }
        if (notNumbers > 0)
            Error(GeoJsonCodes.BboxInvalid, $"\"bbox\" has {notNumbers} element{(notNumbers == 1 ? "" : "s")} that {(notNumbers == 1 ? "is" : "are")} not a number",
                start, fix);
        else if (count != 4 && count != 6)
            Error(GeoJsonCodes.BboxInvalid, $"\"bbox\" has {count} numbers; it needs 4 (2D) or 6 (3D)", start, fix);
    }

    /// <summary>
    /// The legacy (2008) "crs" member of the top-level object: {"type": "name", "properties": {"name": "EPSG:4547"}}
    /// (or the older {"type": "EPSG", "properties": {"code": 4547}}). Returns its SRID, or null when absent or not understood.
    /// </summary>
    private int? ReadCrs(ref Utf8JsonReader r)
    {
        var start = Abs(ref r);
        if (r.TokenType == JsonTokenType.Null) return null;
        using var document = JsonDocument.ParseValue(ref r);
        var crs = document.RootElement;
        int? srid = null;
        if (crs.ValueKind == JsonValueKind.Object
            && crs.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && crs.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            if (type.ValueEquals("name") && properties.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                srid = GeoJsonCrs.ParseName(name.GetString());
            else if (type.ValueEquals("EPSG") && properties.TryGetProperty("code", out var code) && code.TryGetInt32(out var epsg))
                srid = epsg;
        }

        var text = crs.GetRawText();
        if (text.Length > 120) text = text[..120] + "…";
        if (_options.ForceSrid is { } forced)
        {
            if (srid != forced)
                Warning(GeoJsonCodes.CrsIgnored, $"the \"crs\" member {text} was ignored: EPSG:{forced} was asked for", start,
                    "Nothing to do if EPSG:" + forced + " is right; otherwise read without forcing a CRS.");
            return null;
        }
        if (srid is null)
            Error(GeoJsonCodes.CrsUnsupported, $"the \"crs\" member {text} is not understood", start,
                "Write it as \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:4547\"}} with the EPSG code, " +
                "drop it for longitude/latitude (EPSG:4490), or pass crs=EPSG:… to override it.");
        return srid;
    }
}
