namespace OneBlueprint.Server.Tiles;

/// <summary>
/// One layer of a vector tile (spec 2.1 §4.1, layer version 2): its features, and the keys and values
/// tables their tags point into (each key and each distinct value stored once). Attribute values map to
/// Value fields: string → string_value, long/int → int_value (sint_value when negative), double → double_value,
/// bool → bool_value, dates → ISO 8601 strings; nulls are left out (the spec has no null).
/// </summary>
public sealed class MvtLayerBuilder
{
    public const int DefaultExtent = 4096;

    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _keyList = [];
    private readonly Dictionary<object, int> _values = new();
    private readonly List<object> _valueList = [];
    private readonly ProtobufWriter _features = new(1024);
    private readonly ProtobufWriter _feature = new(256);
    private readonly List<uint> _tags = new(32);

    public MvtLayerBuilder(string name, int extent = DefaultExtent)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Extent = extent;
    }

    public string Name { get; }
    public int Extent { get; }
    public int FeatureCount { get; private set; }

    /// <summary>Adds a feature whose geometry is already encoded (<see cref="MvtGeometryEncoder"/>).</summary>
    public void AddFeature(ulong? id, IEnumerable<KeyValuePair<string, object?>> attributes, MvtGeometryType type, ReadOnlySpan<uint> geometry)
    {
        if (type == MvtGeometryType.Unknown || geometry.IsEmpty) return;
        _tags.Clear();
        foreach (var (key, raw) in attributes)
        {
            var value = Normalise(raw);
            if (value is null) continue;
            _tags.Add((uint)IndexOf(key));
            _tags.Add((uint)IndexOf(value));
        }
        _feature.Clear();
        if (id is ulong i) _feature.WriteUInt64Field(1, i);
        _feature.WritePackedUInt32Field(2, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_tags));
        _feature.WriteUInt64Field(3, (ulong)type);
        _feature.WritePackedUInt32Field(4, geometry);
        _features.WriteBytesField(2, _feature.WrittenSpan);
        FeatureCount++;
    }

    /// <summary>The Layer message (without the Tile's field key around it).</summary>
    public void WriteTo(ProtobufWriter layer)
    {
        layer.WriteUInt64Field(15, 2);
        layer.WriteStringField(1, Name);
        layer.WriteBytesRaw(_features.WrittenSpan);
        foreach (var key in _keyList) layer.WriteStringField(3, key);
        var value = new ProtobufWriter(32);
        foreach (var v in _valueList)
        {
            value.Clear();
            switch (v)
            {
                case string s: value.WriteStringField(1, s); break;
                case double d: value.WriteDoubleField(3, d); break;
                case long l when l < 0: value.WriteSInt64Field(6, l); break;
                case long l: value.WriteInt64Field(4, l); break;
                case bool b: value.WriteBoolField(7, b); break;
            }
            layer.WriteBytesField(4, value.WrittenSpan);
        }
        layer.WriteUInt64Field(5, (ulong)Extent);
    }

    private int IndexOf(string key)
    {
        if (!_keys.TryGetValue(key, out var index))
        {
            _keys[key] = index = _keyList.Count;
            _keyList.Add(key);
        }
        return index;
    }

    private int IndexOf(object value)
    {
        if (!_values.TryGetValue(value, out var index))
        {
            _values[value] = index = _valueList.Count;
            _valueList.Add(value);
        }
        return index;
    }

    private static object? Normalise(object? raw) => raw switch
    {
        null => null,
        string s => s,
        bool b => b,
        long l => l,
        int i => (long)i,
        short s => (long)s,
        double d when double.IsFinite(d) => d,
        double => null,
        float f when float.IsFinite(f) => (double)f,
        decimal m => (double)m,
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture),
    };
}
