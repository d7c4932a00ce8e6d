namespace OneBlueprint.Cli.Bench;

/// <summary>
/// One timed pass over the red lines: the time of each (Stopwatch ticks, NaN-free; −1 where the check failed), the
/// areas it found, failures with their reason, and (in-process) the garbage collector's counters over the pass.
/// </summary>
public sealed record TimedRun(string Mode, long[] Ticks, LayerAreas Areas, IReadOnlyList<string> Failures, GcCounters? Gc = null)
{
    public LatencyStats Stats => LatencyStats.FromTicks(Ticks.Where(t => t >= 0));

    public LatencyStats StatsOf(IReadOnlyList<BenchRedLine> redLines, RedLineClass kind) =>
        LatencyStats.FromTicks(redLines.Where(r => r.Class == kind && Ticks[r.Index] >= 0).Select(r => Ticks[r.Index]));

    public double Seconds => LatencyStats.ToMilliseconds(Ticks.Where(t => t >= 0).Sum()) / 1000;
}
