namespace OneBlueprint.Cli.Bench;

/// <summary>Percentiles of measured samples.</summary>
public static class Percentiles
{
    /// <summary>
    /// Nearest-rank percentile of ascending <paramref name="sorted"/> samples: the sample at rank ⌈p·n⌉ (1-based),
    /// p in (0, 1]. p50 of 1..100 is 50, p99 is 99, p100 the maximum; no interpolation, so the answer was measured.
    /// </summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("no samples", nameof(sorted));
        if (!(p > 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile is in (0, 1]");
        var rank = (int)Math.Ceiling(p * sorted.Count - 1e-9);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
