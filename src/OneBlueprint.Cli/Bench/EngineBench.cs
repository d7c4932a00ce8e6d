using System.Diagnostics;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// Times the compliance engine in-process, one check at a time on one thread: per red line, <see cref="RedLine.Create"/>
/// (validity already known, as the HTTP layer checks it first) plus <see cref="ComplianceEngine.Check(RedLine, ComplianceRequest, BlueprintSnapshot)"/>
/// for areas only (no geometry) — the work the PostGIS query does. A warm-up pass first lets the JIT reach its
/// optimised tier, and a full garbage collection before timing keeps earlier garbage out of the figures.
/// </summary>
public static class EngineBench
{
    public static readonly ComplianceRequest AreasOnly = new() { IncludeGeometry = false };

    public static TimedRun Run(string mode, ComplianceEngine engine, BlueprintSnapshot snapshot, IReadOnlyList<BenchRedLine> redLines,
        int srid, int warmUp, IProgress<double>? progress, CancellationToken ct)
    {
        var codes = snapshot.Layers.Select(l => l.Code).ToArray();
        var areas = new LayerAreas(codes, redLines.Count);
        var ticks = new long[redLines.Count];
        var failures = new List<string>();

        for (var i = 0; i < Math.Min(warmUp, redLines.Count); i++)
        {
            ct.ThrowIfCancellationRequested();
            engine.Check(RedLine.Create(redLines[i].Geometry, srid, alreadyValidated: true), AreasOnly, snapshot);
            if (i % 50 == 0) progress?.Report(10.0 * i / Math.Max(1, warmUp));
        }
        Settle();

        var gc = GcCounters.Now();
        for (var i = 0; i < redLines.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var geometry = redLines[i].Geometry;
            try
            {
                var start = Stopwatch.GetTimestamp();
                var redLine = RedLine.Create(geometry, srid, alreadyValidated: true);
                var result = engine.Check(redLine, AreasOnly, snapshot);
                ticks[i] = Stopwatch.GetTimestamp() - start;
                foreach (var layer in result.Layers)
                {
                    var k = areas.LayerOf(layer.Code);
                    if (k >= 0) areas.Values[i][k] = layer.OverlapAreaM2;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ticks[i] = -1;
                failures.Add($"red line {i}: {e.GetType().Name}: {e.Message}");
            }
            if (i % 25 == 0) progress?.Report(10 + 90.0 * i / redLines.Count);
        }
        var counters = GcCounters.Now().Since(gc);
        progress?.Report(100);
        return new TimedRun(mode, ticks, areas, failures, counters);
    }

    /// <summary>
    /// The median of <paramref name="repeats"/> more timings of one full check: whether a slow check is slow every time
    /// (the engine) or was interrupted once (the machine).
    /// </summary>
    public static double RetimeMs(ComplianceEngine engine, BlueprintSnapshot snapshot, BenchRedLine redLine, int srid, int repeats = 5)
    {
        var ms = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var start = Stopwatch.GetTimestamp();
            engine.Check(RedLine.Create(redLine.Geometry, srid, alreadyValidated: true), AreasOnly, snapshot);
            ms[r] = LatencyStats.ToMilliseconds(Stopwatch.GetTimestamp() - start);
        }
        Array.Sort(ms);
        return ms[repeats / 2];
    }

    /// <summary>Collects garbage and gives the tiered JIT's background compiler a moment to install optimised code.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Thread.Sleep(250);
    }
}
