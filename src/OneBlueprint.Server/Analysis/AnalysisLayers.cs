using System.Globalization;
using OneBlueprint.Engines.Discrepancy;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Server.Compliance;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Analysis;

/// <summary>How analysis jobs read layer versions and districts from PostGIS (working CRS, stored feature ids).</summary>
public static class AnalysisLayers
{
    /// <summary>A layer's version by number, or its current one; 422 naming the layer when there is none.</summary>
    public static async Task<LayerVersionInfo> VersionAsync(LayerStore store, string code, int? version, CancellationToken ct) =>
        await store.GetVersionAsync(code, version, ct)
        ?? throw new InputException(InputProblem.Error("analysis.layer_version",
            version is null ? $"layer {code} has no imported version" : $"layer {code} has no version {version}", null,
            $"Import the layer first, or list its versions at /api/v1/layers/{code}/versions."), 422);

    public static async Task<List<GeoFeature>> ReadAsync(LayerStore store, LayerVersionInfo version, CancellationToken ct)
    {
        var list = new List<GeoFeature>(version.FeatureCount);
        await foreach (var f in store.ReadAllFeaturesAsync(version.Id, withAttributes: true, ct: ct)) list.Add(f);
        return list;
    }

    /// <summary>The districts (XZQDM/XZQMC) of the current 行政区划 (XZQH) version; none when it was never imported.</summary>
    public static async Task<IReadOnlyList<District>> DistrictsAsync(LayerStore store, CancellationToken ct) =>
        await store.GetVersionAsync("XZQH", null, ct) is { } version
            ? District.FromFeatures((await ReadAsync(store, version, ct)).Select(ControlLayerLoading.ToControl))
            : [];

    public static string? Text(GeoFeature f, string key) =>
        f.Attributes.TryGetValue(key, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
}
