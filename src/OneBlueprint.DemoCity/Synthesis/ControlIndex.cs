using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>All control-layer features in one index, to ask "what does this shape overlap, and by how much".</summary>
public sealed class ControlIndex
{
    private readonly STRtree<(string Layer, Geometry Shape)> _tree = new();

    public ControlIndex(IReadOnlyDictionary<string, FeatureSet> layers)
    {
        foreach (var code in LayerCodes.ControlLayers)
            if (layers.TryGetValue(code, out var set))
                foreach (var f in set.Features)
                    _tree.Insert(f.Geometry.EnvelopeInternal, (code, f.Geometry));
        _tree.Build();
    }

    /// <summary>Overlap area (m²) with each control layer that <paramref name="shape"/>, widened by <paramref name="clearance"/>, meets.</summary>
    public Dictionary<string, double> Overlaps(Geometry shape, double clearance = 0)
    {
        var probe = clearance > 0 ? shape.Buffer(clearance, 2) : shape;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (layer, geometry) in _tree.Query(probe.EnvelopeInternal))
        {
            if (!geometry.Intersects(probe)) continue;
            result[layer] = result.GetValueOrDefault(layer) + probe.Intersection(geometry).Area;
        }
        return result;
    }
}
