using OneBlueprint.Cli.Bench;

namespace OneBlueprint.Server.Tests.Bench;

public sealed class PercentilesTests
{
    private static readonly double[] OneToHundred = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

    [Theory]
    [InlineData(0.50, 50)]
    [InlineData(0.90, 90)]
    [InlineData(0.99, 99)]
    [InlineData(1.00, 100)]
    [InlineData(0.001, 1)]
    [InlineData(0.505, 51)]
    public void NearestRank_OneToHundred_IsTheSampleAtRankCeilingPn(double p, double expected) =>
        Assert.Equal(expected, Percentiles.NearestRank(OneToHundred, p));

    [Fact]
    public void NearestRank_TenSamples_P99IsTheMaximum()
    {
        // numpy.percentile(range(1, 11), 99, method="inverted_cdf") == 10 and 50 → 5
        double[] ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(10, Percentiles.NearestRank(ten, 0.99));
        Assert.Equal(5, Percentiles.NearestRank(ten, 0.50));
    }

    [Fact]
    public void NearestRank_BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(OneToHundred, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(OneToHundred, 1.5));
    }

    [Fact]
    public void LatencyStats_UnsortedMilliseconds_SummarisedInOrder()
    {
        var shuffled = OneToHundred.OrderBy(v => (v * 7919) % 101).ToArray();
        var stats = LatencyStats.FromMilliseconds(shuffled);
        Assert.Equal(100, stats.Count);
        Assert.Equal(50, stats.P50Ms);
        Assert.Equal(90, stats.P90Ms);
        Assert.Equal(99, stats.P99Ms);
        Assert.Equal(100, stats.MaxMs);
        Assert.Equal(1, stats.MinMs);
        Assert.Equal(50.5, stats.MeanMs, 12);
    }

    [Fact]
    public void LatencyStats_NoSamples_IsEmpty() => Assert.Equal(0, LatencyStats.FromTicks([]).Count);
}
