using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneBlueprint.Storage.Attributes;

/// <summary>
/// Feature attributes ↔ the JSON text stored in <c>json</c> columns, keeping the attributes whole and in
/// their order. Values map as: string → string; long/int → integer; double → number that always carries
/// a '.' or exponent (so 1.0 comes back as a double, not a long); bool; null; DateOnly/DateTime → ISO
/// strings whose kind is kept by <see cref="InferKinds"/> beside the JSON. Chinese text is written as-is,
/// not \u-escaped, so the column stays readable in psql. Nested JSON values (JsonNode/JsonElement) are
/// written as they are and come back as <see cref="JsonNode"/>.
/// </summary>
public static class AttributeJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;

    public static string Serialize(IEnumerable<KeyValuePair<string, object?>> attributes)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            foreach (var (key, value) in attributes)
            {
                w.WritePropertyName(key);
                WriteValue(w, value);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Fills <paramref name="target"/> from stored JSON, restoring dates named in <paramref name="kinds"/>.</summary>
    public static void Deserialize(string json, OrderedDictionary<string, object?> target,
        IReadOnlyDictionary<string, AttributeKind>? kinds = null)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new FormatException("stored attributes are not a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            object? value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => ReadNumber(ref reader),
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.Null => null,
                _ => JsonNode.Parse(ref reader),
            };
            if (value is string s && kinds is not null && kinds.TryGetValue(key, out var kind))
                value = RestoreKind(s, kind);
            target[key] = value;
        }
    }

    /// <summary>
    /// Attribute names whose non-null values are all dates (or all timestamps) across
    /// <paramref name="attributeSets"/>. A name mixing dates with other types is not listed: its dates
    /// come back as ISO strings.
    /// </summary>
    public static Dictionary<string, AttributeKind> InferKinds(IEnumerable<IEnumerable<KeyValuePair<string, object?>>> attributeSets)
    {
        var kinds = new Dictionary<string, AttributeKind?>(StringComparer.Ordinal);
        foreach (var set in attributeSets)
        foreach (var (key, value) in set)
        {
            if (value is null) continue;
            AttributeKind? kind = value switch { DateOnly => AttributeKind.Date, DateTime => AttributeKind.DateTime, _ => null };
            if (!kinds.TryGetValue(key, out var seen)) kinds[key] = kind;
            else if (seen != kind) kinds[key] = null;
        }
        return kinds.Where(k => k.Value is not null).ToDictionary(k => k.Key, k => k.Value!.Value, StringComparer.Ordinal);
    }

    public static string SerializeKinds(IReadOnlyDictionary<string, AttributeKind> kinds) =>
        Serialize(kinds.OrderBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => new KeyValuePair<string, object?>(k.Key, k.Value == AttributeKind.Date ? "date" : "datetime")));

    public static Dictionary<string, AttributeKind> DeserializeKinds(string? json)
    {
        var result = new Dictionary<string, AttributeKind>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json)) return result;
        var raw = new OrderedDictionary<string, object?>();
        Deserialize(json, raw);
        foreach (var (key, value) in raw)
            if (value is "date") result[key] = AttributeKind.Date;
            else if (value is "datetime") result[key] = AttributeKind.DateTime;
        return result;
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case long l: w.WriteNumberValue(l); break;
            case int i: w.WriteNumberValue(i); break;
            case short sh: w.WriteNumberValue(sh); break;
            case byte by: w.WriteNumberValue(by); break;
            case uint ui: w.WriteNumberValue(ui); break;
            case ulong ul: w.WriteNumberValue(ul); break;
            case double d: WriteDouble(w, d); break;
            case float f: WriteDouble(w, f); break;
            case decimal m: w.WriteRawValue(WithFraction(m.ToString(CultureInfo.InvariantCulture)), skipInputValidation: true); break;
            case DateOnly date: w.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case DateTime dt: w.WriteStringValue(dt.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset dto: w.WriteStringValue(dto.ToString("O", CultureInfo.InvariantCulture)); break;
            case JsonNode node: node.WriteTo(w); break;
            case JsonElement element: element.WriteTo(w); break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter w, double d)
    {
        // JSON has no NaN/Infinity; keep the information as text rather than fail the import
        if (!double.IsFinite(d)) { w.WriteStringValue(d.ToString(CultureInfo.InvariantCulture)); return; }
        w.WriteRawValue(WithFraction(d.ToString("R", CultureInfo.InvariantCulture)), skipInputValidation: true);
    }

    private static string WithFraction(string number) =>
        number.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? number : number + ".0";

    private static object ReadNumber(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 && reader.TryGetInt64(out var l)) return l;
        return reader.GetDouble();
    }

    private static object RestoreKind(string s, AttributeKind kind) => kind switch
    {
        AttributeKind.Date when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        AttributeKind.DateTime when DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt) => dt,
        _ => s,
    };
}
