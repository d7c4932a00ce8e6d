using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// Shared areas between the features of two layers (a ∈ A, b ∈ B). The layer with more features is walked (in
/// parallel) and the other one's features are prepared (indexed segments and point-in-polygon), so that the usual
/// cases cost no overlay: envelopes that meet but shapes that do not (most farmland patches near a big redline
/// polygon) and a feature wholly covered by the other (a farmland patch deep inside the urban boundary, taken whole).
/// Only boundary-crossing pairs go to OverlayNG. Pairs come back ordered by (a, b).
/// </summary>
internal static class CrossLayerOverlap
{
    public readonly record struct Pair(int A, int B, Geometry Shared);

    public static List<Pair> Find(PreparedLayer a, PreparedLayer b, int parallelism, ICollection<string> failures,
        IProgress<double>? progress, CancellationToken ct)
    {
        var walkA = a.Count >= b.Count;
        var (outer, inner) = walkA ? (a, b) : (b, a);
        var prepared = new IPreparedGeometry?[inner.Count];
        Parallel.For(0, inner.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, j =>
        {
            if (inner.Analysed[j] is { } g) prepared[j] = PreparedGeometryFactory.Prepare(g);
        });

        var found = new List<Pair>?[outer.Count];
        var done = 0;
        Parallel.For(0, outer.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, i =>
        {
            if (outer.Analysed[i] is { } g)
            {
                var candidates = inner.Tree.Query(g.EnvelopeInternal);
                if (candidates.Count > 0)
                {
                    var sorted = candidates.ToArray();
                    Array.Sort(sorted);
                    foreach (var j in sorted)
                    {
                        var other = prepared[j]!;
                        Geometry? shared;
                        if (!other.Intersects(g)) continue;
                        if (other.Covers(g)) shared = g.Area > 0 ? g.Copy() : null;
                        else
                        {
                            shared = TopologyOverlay.SharedArea(g, inner.Analysed[j]!, out var failure);
                            if (failure is not null)
                                lock (failures) failures.Add($"overlap of {outer.Ref(i).Label} and {inner.Ref(j).Label} could not be computed ({failure})");
                        }
                        if (shared is not null) (found[i] ??= new()).Add(walkA ? new Pair(i, j, shared) : new Pair(j, i, shared));
                    }
                }
            }
            var d = Interlocked.Increment(ref done);
            if (progress is not null && (d & 255) == 0) progress.Report((double)d / outer.Count);
        });
        progress?.Report(1.0);

        var pairs = new List<Pair>();
        foreach (var list in found)
            if (list is not null) pairs.AddRange(list);
        if (!walkA) pairs.Sort((x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        return pairs;
    }
}
