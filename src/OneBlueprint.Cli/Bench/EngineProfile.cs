using System.Diagnostics;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// Where the engine's time goes: the red line's preparation (with and without the validity check) and each layer on
/// its own (a snapshot of that one layer), per red line. Times are on one thread after the main runs (so warm), and
/// add up to about the main run's time plus a little per-check overhead per layer.
/// </summary>
public sealed record EngineProfile(
    long[] PrepareTicks,
    long[] ValidateAndPrepareTicks,
    IReadOnlyList<string> LayerCodes,
    long[][] LayerTicks)
{
    public static EngineProfile Measure(ComplianceEngine engine, BlueprintSnapshot snapshot, IReadOnlyList<BenchRedLine> redLines, int srid,
        IProgress<double>? progress, CancellationToken ct)
    {
        var n = redLines.Count;
        var prepare = new long[n];
        var validate = new long[n];
        var prepared = new RedLine[n];
        for (var i = 0; i < n; i++)
        {
            ct.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            prepared[i] = RedLine.Create(redLines[i].Geometry, srid, alreadyValidated: true);
            prepare[i] = Stopwatch.GetTimestamp() - start;
            start = Stopwatch.GetTimestamp();
            RedLine.Create(redLines[i].Geometry, srid, alreadyValidated: false);
            validate[i] = Stopwatch.GetTimestamp() - start;
        }
        progress?.Report(10);

        var layers = snapshot.Layers;
        var ticks = new long[layers.Count][];
        for (var k = 0; k < layers.Count; k++)
        {
            var single = new BlueprintSnapshot([layers[k]]);
            ticks[k] = new long[n];
            for (var i = 0; i < n; i++)
            {
                ct.ThrowIfCancellationRequested();
                var start = Stopwatch.GetTimestamp();
                try { engine.Check(prepared[i], EngineBench.AreasOnly, single); }
                catch (Exception e) when (e is not OperationCanceledException) { /* counted as failures by the main run */ }
                ticks[k][i] = Stopwatch.GetTimestamp() - start;
            }
            progress?.Report(10 + 90.0 * (k + 1) / layers.Count);
        }
        return new EngineProfile(prepare, validate, layers.Select(l => l.Code).ToArray(), ticks);
    }

    /// <summary>Milliseconds of layer <paramref name="layer"/> for red line <paramref name="index"/>.</summary>
    public double LayerMs(int layer, int index) => LatencyStats.ToMilliseconds(LayerTicks[layer][index]);
}
