using System.Diagnostics;
using NetTopologySuite.Geometries;
using OneBlueprint.Cli.Console;
using OneBlueprint.Engines.Compliance.Rules;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Server.Compliance;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// Loads the current version of every control layer the rules name from PostGIS into <see cref="ControlLayerIndex"/>es
/// exactly as the server does (<see cref="ControlLayerLoading"/>: stream the features with their attributes, build the
/// index with the default options, subdividing large polygons), one layer after another, timing each.
/// </summary>
public sealed class ControlLayerLoader(ObDatabase db)
{
    /// <summary>The districts layer: not checked against, but it tells the generator where the city is.</summary>
    public const string DistrictsCode = "XZQH";

    public async Task<LoadedBlueprint> LoadAsync(ComplianceRules rules, IProgress<double>? progress, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var srid = await db.GetWorkingSridAsync(ct);
        var store = new LayerStore(db);
        var catalogue = await store.ListLayersAsync(ct);
        var current = ControlLayerLoading.RuleLayerCodes(rules, catalogue)
            .Select(code => catalogue.First(l => l.Code == code))
            .Where(l => l.CurrentVersionId is not null)
            .ToArray();
        if (current.Length == 0)
            throw new BenchSetupException("no control layer has a version in the database: load the city first (./ob gen-demo --scale city --load)");

        var totalFeatures = Math.Max(1, current.Sum(l => (long)l.FeatureCount));
        long before = 0;
        var indexes = new List<ControlLayerIndex>();
        var stats = new List<LayerLoadStats>();
        foreach (var layer in current)
        {
            var clock = Stopwatch.StartNew();
            var version = await store.GetVersionByIdAsync(layer.CurrentVersionId!.Value, ct)
                ?? throw new InvalidOperationException($"layer version {layer.CurrentVersionId} of {layer.Code} vanished while loading");
            var offset = before;
            var index = await ControlLayerLoading.BuildAsync(store, version, null,
                progress is null ? null : new SyncProgress<long>(read => progress.Report(95.0 * (offset + read) / totalFeatures)), ct);
            clock.Stop();
            before += layer.FeatureCount;
            indexes.Add(index);
            long vertices = 0;
            var maxVertices = 0;
            foreach (var f in index.Features)
            {
                var n = f.Geometry.NumPoints;
                vertices += n;
                maxVertices = Math.Max(maxVertices, n);
            }
            stats.Add(new LayerLoadStats(layer.Code, version.Id, index.Features.Count, index.PieceCount, vertices, maxVertices,
                index.InvalidFeatureCount, clock.Elapsed.TotalSeconds));
        }

        var districts = new List<Geometry>();
        var districtLayer = catalogue.FirstOrDefault(l => l.Code == DistrictsCode && l.CurrentVersionId is not null);
        if (districtLayer is not null)
        {
            await foreach (var f in store.ReadAllFeaturesAsync(districtLayer.CurrentVersionId!.Value, withAttributes: false, ct: ct))
                if (f.Geometry is Polygon or MultiPolygon) districts.Add(f.Geometry);
        }
        progress?.Report(100);
        return new LoadedBlueprint(new BlueprintSnapshot(indexes), stats, districts, srid, started.Elapsed.TotalSeconds);
    }
}
