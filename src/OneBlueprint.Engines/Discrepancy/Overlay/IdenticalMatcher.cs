namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// Pairs each feature of A with a feature of B that has exactly the same shape (<see cref="ShapeFingerprint"/>), one to
/// one. Candidates come from a hash table of B; the exact comparisons run in parallel; the assignment runs in A's order,
/// each A taking the first B (lowest ordinal) not taken before, so duplicates pair up deterministically.
/// <para>
/// Why this is enough: both plans are coverages, so a feature identical to one on the other side meets nothing else
/// there but along edges. Its whole area is the pair's; no other pair involving either needs looking at.
/// </para>
/// </summary>
internal static class IdenticalMatcher
{
    /// <summary>For each A ordinal the matched B ordinal, or −1.</summary>
    public static int[] Match(PlanSide a, PlanSide b, ParallelOptions parallel, ProgressMeter meter)
    {
        var byHash = new Dictionary<ulong, int>(b.Count); // hash → first B ordinal; collisions chained in next
        var next = new int[b.Count];
        for (var j = b.Count - 1; j >= 0; j--)
        {
            if (b.Shape[j] is null) continue;
            next[j] = byHash.TryGetValue(b.Hash[j], out var first) ? first : -1;
            byHash[b.Hash[j]] = j;
        }

        var firstEqual = new int[a.Count];
        Parallel.For(0, a.Count, parallel, i =>
        {
            firstEqual[i] = -1;
            if (a.Shape[i] is { } shape && byHash.TryGetValue(a.Hash[i], out var j))
            {
                for (; j >= 0; j = next[j])
                {
                    if (!ShapeFingerprint.Same(shape, b.Shape[j]!)) continue;
                    firstEqual[i] = j;
                    break;
                }
            }
            if ((i & 1023) == 0) meter.Step(1024);
        });

        var taken = new bool[b.Count];
        var match = new int[a.Count];
        for (var i = 0; i < a.Count; i++)
        {
            match[i] = -1;
            var j = firstEqual[i];
            if (j < 0) continue;
            if (taken[j])
            {
                // A duplicate in A: take the next identical B still free, if any.
                j = next[j];
                while (j >= 0 && (taken[j] || !ShapeFingerprint.Same(a.Shape[i]!, b.Shape[j]!))) j = next[j];
                if (j < 0) continue;
            }
            taken[j] = true;
            match[i] = j;
        }
        return match;
    }
}
