using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.OverlayNG;

namespace OneBlueprint.Engines.Ledger;

/// <summary>
/// Carries the ledger's patch numbers (DKBH) from one run of an analysis to the next after a plan revision. Overlap
/// is measured as intersection over union (IoU) of the two patches' areas; pairs are assigned one to one, best
/// overlap first (ties by previous number, then by position), so the result does not depend on input order beyond
/// that. A pair with the same kind and IoU ≥ <see cref="SameShape"/> is <see cref="PatchMatch.Unchanged"/>; one with
/// IoU ≥ <see cref="MinOverlap"/> is <see cref="PatchMatch.Changed"/> and keeps the number (a split keeps it on the
/// larger part; the rest is new). Previous patches left without a partner have vanished.
/// </summary>
public static class PatchMatcher
{
    /// <summary>IoU from which two patches of the same kind are the same patch: 1 up to rounding of the overlay.</summary>
    public const double SameShape = 1 - 1e-9;

    /// <summary>IoU from which a patch is taken to be a revised version of a previous one.</summary>
    public const double MinOverlap = 0.5;

    public sealed record Previous(string Dkbh, string Kind, Geometry Geometry);

    public sealed record Current(string Kind, Geometry Geometry);

    /// <summary>The outcome for current patch number <paramref name="Index"/>: the previous number it keeps, or null when new.</summary>
    public sealed record Assignment(int Index, PatchMatch Match, string? Dkbh, double Overlap);

    public sealed record Result(IReadOnlyList<Assignment> Assignments, IReadOnlyList<string> Vanished);

    public static Result Match(IReadOnlyList<Previous> previous, IReadOnlyList<Current> current, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var tree = new STRtree<int>();
        for (var p = 0; p < previous.Count; p++) tree.Insert(previous[p].Geometry.EnvelopeInternal, p);
        if (previous.Count > 0) tree.Build();

        var pairs = new List<(double Iou, int Prev, int Cur)>();
        for (var c = 0; c < current.Count; c++)
        {
            ct.ThrowIfCancellationRequested();
            if (previous.Count == 0) break;
            var g = current[c].Geometry;
            foreach (var p in tree.Query(g.EnvelopeInternal))
            {
                var iou = IntersectionOverUnion(previous[p].Geometry, g);
                if (iou >= MinOverlap) pairs.Add((iou, p, c));
            }
        }
        pairs.Sort((a, b) =>
        {
            var byIou = b.Iou.CompareTo(a.Iou);
            if (byIou != 0) return byIou;
            var byNumber = string.CompareOrdinal(previous[a.Prev].Dkbh, previous[b.Prev].Dkbh);
            return byNumber != 0 ? byNumber : a.Cur.CompareTo(b.Cur);
        });

        var assignments = new Assignment?[current.Count];
        var taken = new bool[previous.Count];
        foreach (var (iou, p, c) in pairs)
        {
            if (taken[p] || assignments[c] is not null) continue;
            taken[p] = true;
            var same = iou >= SameShape && previous[p].Kind == current[c].Kind;
            assignments[c] = new Assignment(c, same ? PatchMatch.Unchanged : PatchMatch.Changed, previous[p].Dkbh, iou);
        }
        var result = new Assignment[current.Count];
        for (var c = 0; c < current.Count; c++) result[c] = assignments[c] ?? new Assignment(c, PatchMatch.New, null, 0);
        var vanished = Enumerable.Range(0, previous.Count).Where(p => !taken[p]).Select(p => previous[p].Dkbh).ToList();
        return new Result(result, vanished);
    }

    /// <summary>|a ∩ b| / |a ∪ b| from the intersection alone (|a ∪ b| = |a| + |b| − |a ∩ b|).</summary>
    public static double IntersectionOverUnion(Geometry a, Geometry b)
    {
        if (!a.EnvelopeInternal.Intersects(b.EnvelopeInternal)) return 0;
        double inter;
        try
        {
            inter = OverlayNGRobust.Overlay(a, b, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection).Area;
        }
        catch (Exception)
        {
            return 0; // two patches the overlay cannot intersect are not the same patch
        }
        var union = a.Area + b.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
