using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Compliance.Rules;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Compliance;

/// <summary>
/// Reads control layer versions from PostGIS into the engine's in-memory index: the one way the server's
/// <see cref="BlueprintLoader"/> and `ob check` load the blueprint, so both check against the same thing.
/// </summary>
public static class ControlLayerLoading
{
    /// <summary>
    /// The layers compliance is checked against: those the rules name (the rules are the deployment's statement of
    /// what bears a rule), in the rules' order, that the catalogue knows.
    /// </summary>
    public static IReadOnlyList<string> RuleLayerCodes(ComplianceRules rules, IEnumerable<LayerInfo> catalogue)
    {
        var known = catalogue.Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
        return rules.Layers.Select(l => l.Code).Where(known.Contains).ToList();
    }

    /// <summary>
    /// Builds the index of one layer version: every feature with its attributes, or only those whose geometry
    /// intersects <paramref name="bbox"/> (working CRS) — enough for checks of red lines inside that box, and far
    /// quicker for a single check. <paramref name="progress"/> gets the number of features read so far.
    /// </summary>
    public static async Task<ControlLayerIndex> BuildAsync(LayerStore store, LayerVersionInfo version, Envelope? bbox,
        IProgress<long>? progress, CancellationToken ct)
    {
        var srid = store.WorkingSrid;
        var features = new List<ControlFeature>(bbox is null ? version.FeatureCount : 256);
        if (bbox is null)
        {
            await foreach (var f in store.ReadAllFeaturesAsync(version.Id, withAttributes: true, ct: ct))
            {
                features.Add(ToControl(f));
                if (features.Count % 10_000 == 0) progress?.Report(features.Count);
            }
        }
        else
        {
            foreach (var f in await store.QueryFeaturesAsync(version.Id, bbox, int.MaxValue, 0, ct)) features.Add(ToControl(f));
        }
        progress?.Report(features.Count);
        return ControlLayerIndex.Build(version.LayerCode, version.Id, srid, features);
    }

    /// <summary>A stored feature as the engines take it: its ob.layer_feature id (what results and reports refer to), geometry and attributes.</summary>
    public static ControlFeature ToControl(Geo.Features.GeoFeature f) =>
        new(long.Parse(f.Id!, CultureInfo.InvariantCulture), f.Geometry, f.Attributes);
}
