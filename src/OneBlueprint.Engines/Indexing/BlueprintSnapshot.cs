namespace OneBlueprint.Engines.Indexing;

/// <summary>
/// The set of control layer indexes one check sees: at most one version per layer code, all in one working CRS.
/// Immutable: "changing" a snapshot makes a new one (<see cref="With"/>, <see cref="Without"/>), so a check that
/// holds a snapshot sees the same versions from start to end whatever is published meanwhile.
/// </summary>
public sealed class BlueprintSnapshot
{
    private readonly Dictionary<string, ControlLayerIndex> _byCode;

    public static BlueprintSnapshot Empty { get; } = new([]);

    public BlueprintSnapshot(IEnumerable<ControlLayerIndex> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _byCode = new Dictionary<string, ControlLayerIndex>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            if (!_byCode.TryAdd(layer.Code, layer))
                throw new ArgumentException($"layer {layer.Code} appears twice in one snapshot", nameof(layers));
        }
        Layers = _byCode.Values.OrderBy(l => l.Code, StringComparer.Ordinal).ToArray();
        var srids = Layers.Select(l => l.Srid).Distinct().ToArray();
        if (srids.Length > 1)
            throw new ArgumentException($"layers of one snapshot must share the working CRS; got EPSG:{string.Join(", EPSG:", srids)}", nameof(layers));
        Srid = srids.Length == 1 ? srids[0] : null;
    }

    /// <summary>The layers in ordinal order of their codes.</summary>
    public IReadOnlyList<ControlLayerIndex> Layers { get; }

    /// <summary>The working CRS shared by all layers; null for an empty snapshot.</summary>
    public int? Srid { get; }

    public ControlLayerIndex? this[string code] => _byCode.GetValueOrDefault(code);

    public bool TryGetLayer(string code, out ControlLayerIndex layer) => _byCode.TryGetValue(code, out layer!);

    /// <summary>Layer code → layer version id, what a stored result records to be reproducible.</summary>
    public IReadOnlyDictionary<string, long> Versions => Layers.ToDictionary(l => l.Code, l => l.LayerVersionId, StringComparer.Ordinal);

    /// <summary>A snapshot with <paramref name="layer"/> added, or replacing the version of the same code.</summary>
    public BlueprintSnapshot With(ControlLayerIndex layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return new BlueprintSnapshot(Layers.Where(l => l.Code != layer.Code).Append(layer));
    }

    /// <summary>A snapshot without the layer of <paramref name="code"/> (the same snapshot if it has none).</summary>
    public BlueprintSnapshot Without(string code) =>
        _byCode.ContainsKey(code) ? new BlueprintSnapshot(Layers.Where(l => l.Code != code)) : this;

    public override string ToString() =>
        Layers.Count == 0 ? "(empty blueprint)" : string.Join(", ", Layers.Select(l => $"{l.Code}@{l.LayerVersionId}"));
}
