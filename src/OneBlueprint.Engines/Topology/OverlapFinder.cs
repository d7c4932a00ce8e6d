using NetTopologySuite.Geometries;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// Pairs of features of one layer whose interiors overlap, with the shared area. Candidates come from the layer's
/// STRtree (envelopes that meet); each candidate pair (i &lt; j) is intersected once with OverlayNG, and pairs that
/// only touch (shared edges give lines) are dropped. Parallel over the first feature of each pair; the pairs come
/// back ordered by (i, j), whatever the thread timing.
/// </summary>
internal static class OverlapFinder
{
    public readonly record struct Pair(int A, int B, Geometry Shared);

    public static List<Pair> Find(PreparedLayer layer, int parallelism, ICollection<string> failures, IProgress<double>? progress, CancellationToken ct)
    {
        var n = layer.Count;
        var found = new List<Pair>?[n];
        var done = 0;
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, i =>
        {
            if (layer.Analysed[i] is { } a)
            {
                var candidates = layer.Tree.Query(a.EnvelopeInternal);
                List<int>? later = null;
                foreach (var j in candidates)
                    if (j > i) (later ??= new()).Add(j);
                if (later is not null)
                {
                    later.Sort();
                    foreach (var j in later)
                    {
                        var shared = TopologyOverlay.SharedArea(a, layer.Analysed[j]!, out var failure);
                        if (failure is not null)
                            lock (failures) failures.Add($"overlap of {layer.Ref(i).Label} and {layer.Ref(j).Label} could not be computed ({failure})");
                        if (shared is not null) (found[i] ??= new()).Add(new Pair(i, j, shared));
                    }
                }
            }
            var d = Interlocked.Increment(ref done);
            if (progress is not null && (d & 127) == 0) progress.Report((double)d / n);
        });
        progress?.Report(1.0);
        var pairs = new List<Pair>();
        foreach (var list in found)
            if (list is not null) pairs.AddRange(list);
        return pairs;
    }
}
