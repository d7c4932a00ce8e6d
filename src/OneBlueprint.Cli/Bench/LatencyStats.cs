using System.Diagnostics;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// The distribution of one set of timings, in milliseconds. Percentiles are nearest-rank (the smallest sample with
/// at least p·n samples at or below it), so every figure is a time that was really measured.
/// </summary>
public sealed record LatencyStats(int Count, double P50Ms, double P90Ms, double P99Ms, double MaxMs, double MeanMs, double MinMs)
{
    public static LatencyStats Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>From <see cref="Stopwatch.GetTimestamp"/> differences.</summary>
    public static LatencyStats FromTicks(IEnumerable<long> ticks) =>
        FromMilliseconds(ticks.Select(t => t * 1000.0 / Stopwatch.Frequency));

    public static LatencyStats FromMilliseconds(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.ToArray();
        if (sorted.Length == 0) return Empty;
        Array.Sort(sorted);
        return new LatencyStats(sorted.Length,
            Percentiles.NearestRank(sorted, 0.50),
            Percentiles.NearestRank(sorted, 0.90),
            Percentiles.NearestRank(sorted, 0.99),
            sorted[^1],
            sorted.Average(),
            sorted[0]);
    }

    public static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
