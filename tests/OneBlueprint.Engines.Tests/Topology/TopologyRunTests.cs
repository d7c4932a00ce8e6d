using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Engines.Tests.Support;
using OneBlueprint.Engines.Topology;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Topology;

/// <summary>How a check runs: the same findings in the same order on one thread and on two, progress, cancellation.</summary>
public class TopologyRunTests
{
    /// <summary>A jittered 30 × 30 lattice of 100 m cells where every 7th cell is shifted 3 m (overlaps and gaps).</summary>
    private static TopologyLayer Messy()
    {
        var random = new Random(42);
        var features = new List<TopologyFeature>();
        for (var i = 0; i < 30; i++)
        for (var j = 0; j < 30; j++)
        {
            var shift = (i * 30 + j) % 7 == 0 ? 3.0 : 0.0;
            var shrink = (i * 30 + j) % 11 == 0 ? random.NextDouble() * 20 : 0.0;
            features.Add(new TopologyFeature($"{i}-{j}", null, Rect(i * 100 + shift, j * 100 + shift, 100 - shrink, 100 - shrink)));
        }
        return new TopologyLayer("MESSY", Srid, features);
    }

    private static string Fingerprint(TopologyResult r)
    {
        var wkt = new WKTWriter();
        return string.Join("\n", r.Findings.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{f.Number} {f.Kind} {string.Join(",", f.Features.Select(x => x.Id))} {f.Area?.PlanarM2:R} {f.Area?.EllipsoidalM2:R} {f.WidthM:R} {wkt.Write(f.Geometry)}")));
    }

    [Fact]
    public void Results_AreTheSame_OnOneThreadAndOnTwo()
    {
        var one = TopologyEngine.CheckLayer(Messy(), new TopologyOptions { MaxDegreeOfParallelism = 1 });
        var two = TopologyEngine.CheckLayer(Messy(), new TopologyOptions { MaxDegreeOfParallelism = 2 });
        Assert.True(one.Count(TopologyKinds.Overlap) > 100, "the lattice should overlap in many places");
        Assert.True(one.Count(TopologyKinds.Gap) > 10, "the lattice should have gaps");
        Assert.Equal(Fingerprint(one), Fingerprint(two));
    }

    [Fact]
    public void Overlaps_AddUpToTheAreaCountedTwice()
    {
        // Σ feature areas − area of the union = Σ pairwise overlaps when no point is covered three times; the shifts
        // are 3 m on 100 m cells, so no triple overlap exists here.
        var layer = Messy();
        var result = TopologyEngine.CheckLayer(layer);
        var sum = layer.Features.Sum(f => f.Geometry.Area);
        var union = Factory.BuildGeometry(layer.Features.Select(f => f.Geometry).ToList()).Union().Area;
        Assert.Equal(sum - union, result.TotalArea(TopologyKinds.Overlap).PlanarM2, 6);
    }

    [Fact]
    public void Progress_RisesTo100()
    {
        var seen = new List<double>();
        TopologyEngine.CheckLayer(Messy(), null, new ListProgress(seen));
        Assert.NotEmpty(seen);
        Assert.Equal(100, seen[^1]);
        for (var i = 1; i < seen.Count; i++) Assert.True(seen[i] >= seen[i - 1], $"progress went back from {seen[i - 1]} to {seen[i]}");
    }

    [Fact]
    public void Cancellation_StopsTheCheck()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => TopologyEngine.CheckLayer(Messy(), null, null, cancel.Token));
    }

    private sealed class ListProgress(List<double> values) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (values) values.Add(value);
        }
    }
}
