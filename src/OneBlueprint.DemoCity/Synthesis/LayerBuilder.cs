using OneBlueprint.Geo.Features;
using NetTopologySuite.Geometries;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// Collects the features of one synthetic layer: numbers them (BSM 1, 2, …; Id = CODE-n), stamps
/// SJLY = 合成演示数据 last on each, and marks the finished set synthetic.
/// </summary>
public sealed class LayerBuilder(string code, string chineseName)
{
    private readonly FeatureSet _set = new() { Srid = Base.WorkingCrs.Srid, Name = code };

    public int Count => _set.Features.Count;

    public IReadOnlyList<GeoFeature> Features => _set.Features;

    /// <summary>
    /// Adds a feature, its geometry put on the 1 mm grid first (<see cref="Base.Millimetre"/>);
    /// <paramref name="attributes"/> follow BSM in the order given. Nothing is added when nothing is left.
    /// </summary>
    public GeoFeature? Add(Geometry geometry, params (string Name, object? Value)[] attributes)
    {
        var snapped = Base.Millimetre.Snap(geometry);
        return snapped.IsEmpty ? null : AddOnGrid(snapped, attributes);
    }

    /// <summary>Adds a feature whose geometry is already on the 1 mm grid and valid.</summary>
    public GeoFeature AddOnGrid(Geometry geometry, params (string Name, object? Value)[] attributes)
    {
        var bsm = _set.Features.Count + 1L;
        var feature = new GeoFeature(geometry) { Id = $"{code}-{bsm}" };
        feature.Attributes["BSM"] = bsm;
        foreach (var (name, value) in attributes) feature.Attributes[name] = value;
        feature.Attributes[Provenance.SourceAttribute] = Provenance.SyntheticLabel;
        _set.Features.Add(feature);
        return feature;
    }

    public FeatureSet Build(string howMade)
    {
        Provenance.MarkSynthetic(_set, howMade);
        _set.Metadata["layer"] = $"{code} {chineseName}";
        return _set;
    }
}
