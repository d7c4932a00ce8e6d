using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Compliance.Overlap;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// The overlay of the features left after identical matching — the few percent a revision touched, or everything when
/// the plans were drawn apart. Both plans being coverages, an unmatched feature can only overlap unmatched features of
/// the other side (an identical pair's feature overlaps nothing else), so only those are paired.
/// <list type="number">
/// <item>Each unmatched feature is validated; invalid ones are overlaid as repaired copies (noted).</item>
/// <item>For each unmatched A (in parallel): candidates from a packed R-tree of the unmatched B boxes, in B order, whose
/// box overlaps with positive area (boxes that only touch cannot overlap). Their common area comes from
/// <see cref="PairArea"/> — exact, no geometry, shared edges included — and OverlayNG builds the common part only where
/// the classes differ (a patch) or where PairArea cannot decide.
/// Once the pieces add up to the whole feature the rest can only touch it, so the search stops (a feature inside a
/// merged one costs one overlay). The part of A outside every B (one-sided) is A minus the union of the B features it
/// met, computed only when the pieces leave area uncovered.</item>
/// <item>For each unmatched B: the same remainder against the A features it met.</item>
/// </list>
/// Agreed pieces keep only their area; differing ones their geometry. Results are stored by position, so the output
/// does not depend on thread scheduling.
/// </summary>
internal sealed class UnmatchedOverlay
{
    [ThreadStatic] private static int[]? _hits;

    /// <summary>Covered to within this share of its area, a feature has no remainder worth a difference (numerical noise).</summary>
    private const double CoveredShare = 1e-9;

    public int[] UnmatchedA { get; private init; } = [];
    public int[] UnmatchedB { get; private init; } = [];

    /// <summary>Pieces of each unmatched A (by its position in <see cref="UnmatchedA"/>), in B order.</summary>
    public PairPiece[][] PiecesOfA { get; private init; } = [];

    public Geometry?[] RemainderA { get; private init; } = [];
    public Geometry?[] RemainderB { get; private init; } = [];
    public long CandidatePairs { get; private set; }
    public long OverlaidPairs { get; private set; }
    public long MeasuredPairs { get; private set; }
    public long ContainedPairs { get; private set; }
    public long TouchingPairs { get; private set; }
    public int Repaired { get; private set; }

    /// <summary>Area the repaired copies add to (or take from) each plan: invalid features are measured as overlaid.</summary>
    public double RepairChangeA { get; private set; }

    public double RepairChangeB { get; private set; }

    public static UnmatchedOverlay Run(PlanSide a, PlanSide b, int[] matchOfA, ParallelOptions parallel, ProgressMeter meter,
        List<string> notes, Action<string> stage)
    {
        var matchedB = new bool[b.Count];
        foreach (var j in matchOfA) if (j >= 0) matchedB[j] = true;
        var ua = Enumerable.Range(0, a.Count).Where(i => a.Shape[i] is not null && matchOfA[i] < 0).ToArray();
        var ub = Enumerable.Range(0, b.Count).Where(j => b.Shape[j] is not null && !matchedB[j]).ToArray();

        var workA = new Geometry[ua.Length];
        var workB = new Geometry[ub.Length];
        var problemsA = new string?[ua.Length];
        var problemsB = new string?[ub.Length];
        Parallel.For(0, ua.Length + ub.Length, parallel, k =>
        {
            if (k < ua.Length) (workA[k], problemsA[k]) = WorkingGeometry.Of(a.Shape[ua[k]]!);
            else (workB[k - ua.Length], problemsB[k - ua.Length]) = WorkingGeometry.Of(b.Shape[ub[k - ua.Length]]!);
        });
        var repaired = Note(notes, a, ua, problemsA) + Note(notes, b, ub, problemsB);
        stage("validate");

        var boxes = new double[ub.Length * 4];
        for (var k = 0; k < ub.Length; k++)
        {
            var env = workB[k].EnvelopeInternal;
            boxes[k * 4] = env.MinX;
            boxes[k * 4 + 1] = env.MinY;
            boxes[k * 4 + 2] = env.MaxX;
            boxes[k * 4 + 3] = env.MaxY;
        }
        var tree = PackedBoxTree.SortTileRecursive(boxes, nodeSize: 16, parallel.MaxDegreeOfParallelism != 1);
        // Exact areas need valid rings: features that had to be repaired go through OverlayNG only.
        var ringsA = new PlanRings(workA.Select((g, k) => problemsA[k] is null ? g : null).ToArray());
        var ringsB = new PlanRings(workB.Select((g, k) => problemsB[k] is null ? g : null).ToArray());

        var pieces = new PairPiece[ua.Length][];
        var remainderA = new Geometry?[ua.Length];
        var failures = new List<string>?[ua.Length];
        long candidates = 0, measured = 0, overlaid = 0, contained = 0, touching = 0;
        meter.Stage(24, 64, ua.Length);
        Parallel.For(0, ua.Length, parallel, () => (Candidates: 0L, Measured: 0L, Overlaid: 0L, Contained: 0L, Touching: 0L), (k, _, counts) =>
        {
            var i = ua[k];
            var shape = workA[k];
            var env = shape.EnvelopeInternal;
            var hits = _hits ??= new int[64];
            var n = tree.Query(env.MinX, env.MinY, env.MaxX, env.MaxY, ref hits);
            _hits = hits;
            Array.Sort(hits, 0, n);
            counts.Candidates += n;
            var found = new List<PairPiece>();
            var met = new List<Geometry>();
            var area = shape.Area;
            var covered = 0.0;
            for (var h = 0; h < n; h++)
            {
                var m = hits[h];
                if (!OverlapsWithArea(env, boxes, m)) continue; // boxes only touch: the polygons can only touch
                var other = workB[m];
                var j = ub[m];
                var differs = a.ClassId[i] != b.ClassId[j];
                var pieceArea = PairArea.Of(ringsA, k, ringsB, m);
                Geometry? piece = null;
                if (double.IsNaN(pieceArea) || pieceArea > 0 && differs)
                {
                    counts.Overlaid++;
                    var outcome = SafeOverlay.Intersection(shape, other, null);
                    if (outcome.Result is null)
                    {
                        (failures[k] ??= []).Add($"A {a.Features[i].Id} × B {b.Features[j].Id}: overlay failed ({outcome.Failure}); their common area is not counted");
                        met.Add(other);
                        continue;
                    }
                    piece = outcome.Result;
                    pieceArea = piece.Area;
                }
                else counts.Measured++;
                if (!(pieceArea > 0))
                {
                    counts.Touching++;
                    continue;
                }
                if (pieceArea >= area * (1 - CoveredShare) || pieceArea >= other.Area * (1 - CoveredShare)) counts.Contained++;
                found.Add(new PairPiece(i, j, pieceArea, differs ? piece : null));
                met.Add(other);
                covered += pieceArea;
                if (covered >= area * (1 - CoveredShare)) break; // the rest can only touch it (coverage)
            }
            pieces[k] = found.ToArray();
            var (rest, failure) = Remainder(shape, area, covered, met);
            remainderA[k] = rest;
            if (failure is not null) (failures[k] ??= []).Add($"A {a.Features[i].Id}: its part outside B could not be computed ({failure})");
            meter.Step();
            return counts;
        }, counts =>
        {
            Interlocked.Add(ref candidates, counts.Candidates);
            Interlocked.Add(ref overlaid, counts.Overlaid);
            Interlocked.Add(ref measured, counts.Measured);
            Interlocked.Add(ref contained, counts.Contained);
            Interlocked.Add(ref touching, counts.Touching);
        });
        stage("overlay");

        // The A features each unmatched B met, in A order.
        var positionOfB = new Dictionary<int, int>(ub.Length);
        for (var m = 0; m < ub.Length; m++) positionOfB[ub[m]] = m;
        var metByB = new List<int>?[ub.Length];
        var coveredB = new double[ub.Length];
        for (var k = 0; k < ua.Length; k++)
        {
            foreach (var p in pieces[k])
            {
                var m = positionOfB[p.B];
                (metByB[m] ??= []).Add(k);
                coveredB[m] += p.Area;
            }
        }
        var remainderB = new Geometry?[ub.Length];
        var failuresB = new string?[ub.Length];
        meter.Stage(64, 72, ub.Length);
        Parallel.For(0, ub.Length, parallel, m =>
        {
            var shape = workB[m];
            var met = metByB[m]?.Select(k => workA[k]).ToList() ?? [];
            var (rest, failure) = Remainder(shape, shape.Area, coveredB[m], met);
            remainderB[m] = rest;
            if (failure is not null) failuresB[m] = $"B {b.Features[ub[m]].Id}: its part outside A could not be computed ({failure})";
            meter.Step();
        });
        stage("remainders");

        var failed = failures.Where(f => f is not null).SelectMany(f => f!).Concat(failuresB.Where(f => f is not null).Select(f => f!)).ToList();
        notes.AddRange(failed.Take(20));
        if (failed.Count > 20) notes.Add($"… and {failed.Count - 20} more overlay failures");

        return new UnmatchedOverlay
        {
            UnmatchedA = ua,
            UnmatchedB = ub,
            PiecesOfA = pieces,
            RemainderA = remainderA,
            RemainderB = remainderB,
            CandidatePairs = candidates,
            OverlaidPairs = overlaid,
            MeasuredPairs = measured,
            ContainedPairs = contained,
            TouchingPairs = touching,
            Repaired = repaired,
            RepairChangeA = Change(a, ua, workA, problemsA),
            RepairChangeB = Change(b, ub, workB, problemsB),
        };
    }

    private static bool OverlapsWithArea(Envelope env, double[] boxes, int m) =>
        Math.Min(env.MaxX, boxes[m * 4 + 2]) > Math.Max(env.MinX, boxes[m * 4]) &&
        Math.Min(env.MaxY, boxes[m * 4 + 3]) > Math.Max(env.MinY, boxes[m * 4 + 1]);

    /// <summary>
    /// <paramref name="shape"/> minus the union of <paramref name="met"/>: the part of a feature the other plan does not
    /// cover. Skipped when the pieces already cover it to numerical noise. Falls back to one difference at a time when
    /// the union fails; a failure is returned, never thrown.
    /// </summary>
    private static (Geometry? Part, string? Failure) Remainder(Geometry shape, double area, double covered, List<Geometry> met)
    {
        if (area - covered <= Math.Max(CoveredShare * area, 1e-9)) return (null, null);
        if (met.Count == 0) return (shape, null);
        var cut = met.Count == 1 ? met[0] : SafeOverlay.Union(met, shape.Factory);
        var outcome = SafeOverlay.Difference(shape, cut);
        var rest = outcome.Result;
        if (rest is null)
        {
            rest = shape;
            foreach (var other in met)
            {
                var step = SafeOverlay.Difference(rest, other);
                if (step.Result is null) return (null, step.Failure);
                rest = step.Result;
                if (rest.IsEmpty) break;
            }
        }
        return (rest.IsEmpty || !(rest.Area > 0) ? null : rest, null);
    }

    private static double Change(PlanSide side, int[] ordinals, Geometry[] work, string?[] problems)
    {
        var change = 0.0;
        for (var k = 0; k < problems.Length; k++)
            if (problems[k] is not null) change += work[k].Area - side.Area[ordinals[k]];
        return change;
    }

    private static int Note(List<string> notes, PlanSide side, int[] ordinals, string?[] problems)
    {
        var count = 0;
        for (var k = 0; k < problems.Length; k++)
        {
            if (problems[k] is null) continue;
            if (++count <= 20)
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"plan {side.Label} feature {side.Features[ordinals[k]].Id} is invalid ({problems[k]}); it was overlaid as repaired"));
        }
        if (count > 20) notes.Add($"… and {count - 20} more invalid features of plan {side.Label}, overlaid as repaired");
        return count;
    }
}
