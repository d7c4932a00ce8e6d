using System.Diagnostics;
using OneBlueprint.Engines.Discrepancy.Overlay;
using OneBlueprint.Engines.Discrepancy.Results;

namespace OneBlueprint.Engines.Discrepancy;

/// <summary>
/// 差异图斑分析: the overlay of two plans (coverages) in the working CRS. Every bit of either plan's area ends up in one
/// place — agreed (same class on both sides, counted), a patch (classes differ, or only one plan has something), or a
/// sliver filtered out (counted) — and the result's balances check that per plan.
/// <para>
/// Strategy: do as little overlay as the data allows. Features whose coordinates are identical on both sides (most of a
/// revised plan) are paired by fingerprint and never overlaid: the pair's area is the feature's own, and, both sides
/// being coverages, neither overlaps anything else. Only the features left unmatched are paired, each A feature with the
/// unmatched B features its box meets, stopping once it is covered: their common area is measured exactly without
/// geometry (boundary integrals that handle shared edges, <c>PairArea</c>), and OverlayNG (robust, the overlay GEOS runs
/// behind PostGIS) builds geometry only for patches — common parts whose classes differ, and the parts outside the other
/// plan (one difference per feature that is not covered) — or where the exact measure cannot decide. Agreed parts keep
/// only their area. Patches are then split into polygons, cut by districts, filtered for
/// slivers and measured (ellipsoidal area, control-layer overlaps) in parallel.
/// </para>
/// <para>
/// Deterministic: the same input gives the same patches in the same order and the same sums, whatever the number of
/// threads. Progress is reported in percent (0–100); cancellation is checked throughout.
/// </para>
/// </summary>
public sealed class DiscrepancyEngine(DiscrepancyOptions? options = null)
{
    public static DiscrepancyEngine Default { get; } = new();

    public DiscrepancyOptions Options { get; } = options ?? DiscrepancyOptions.Default;

    public DiscrepancyResult Run(DiscrepancyRequest request, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        Validate(request);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.MaxDegreeOfParallelism), CancellationToken = ct };
        var meter = new ProgressMeter(progress);
        var notes = new List<string>();
        var seconds = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        var last = 0.0;
        void Stage(string name)
        {
            var now = clock.Elapsed.TotalSeconds;
            seconds[name] = now - last;
            last = now;
            ct.ThrowIfCancellationRequested();
        }

        var classIds = new Dictionary<string, int>(StringComparer.Ordinal);
        meter.Stage(0, 8, request.A.Features.Count);
        var a = PlanSide.Build("A", request.A, classIds, parallel, meter, notes);
        meter.Stage(8, 16, request.B.Features.Count);
        var b = PlanSide.Build("B", request.B, classIds, parallel, meter, notes);
        Stage("prepare");

        meter.Stage(16, 24, a.Count);
        var match = IdenticalMatcher.Match(a, b, parallel, meter);
        Stage("match");

        var overlay = UnmatchedOverlay.Run(a, b, match, parallel, meter, notes, Stage);

        // Raw patches and agreed areas in the result's order: A's features in input order (identical partner, or the
        // pieces in B order, then A's own remainder), then B's remainders in B order.
        var totals = new TotalsBuilder(a, b);
        var raw = new List<RawPatch>();
        var positionOfA = new int[a.Count];
        Array.Fill(positionOfA, -1);
        for (var k = 0; k < overlay.UnmatchedA.Length; k++) positionOfA[overlay.UnmatchedA[k]] = k;
        void OneSided(PartKind kind, int i, int j, NetTopologySuite.Geometries.Geometry rest)
        {
            if (request.OneSidedPatches) raw.Add(new RawPatch(kind, i, j, rest));
            else totals.Counted(kind, i, j, rest.Area);
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (a.Shape[i] is null) continue;
            var j = match[i];
            if (j >= 0)
            {
                if (a.ClassId[i] == b.ClassId[j]) totals.Agreed(i, j, a.Area[i]);
                else raw.Add(new RawPatch(PartKind.Differ, i, j, a.Shape[i]!));
                continue;
            }
            var k = positionOfA[i];
            foreach (var piece in overlay.PiecesOfA[k])
            {
                if (piece.Geometry is null) totals.Agreed(i, piece.B, piece.Area);
                else raw.Add(new RawPatch(PartKind.Differ, i, piece.B, piece.Geometry));
            }
            if (overlay.RemainderA[k] is { } rest) OneSided(PartKind.OnlyA, i, -1, rest);
        }
        for (var m = 0; m < overlay.UnmatchedB.Length; m++)
            if (overlay.RemainderB[m] is { } rest) OneSided(PartKind.OnlyB, -1, overlay.UnmatchedB[m], rest);

        var finisher = new PatchFinisher(request, request.Districts is { Count: > 0 } d ? new DistrictCutter(d, notes) : null);
        var finished = new (List<FinishedPart> Parts, string? Failure)[raw.Count];
        meter.Stage(72, 99, raw.Count);
        Parallel.For(0, raw.Count, parallel, r =>
        {
            finished[r] = finisher.Finish(raw[r]);
            meter.Step();
        });
        Stage("finish");

        var patches = new List<DiscrepancyPatch>();
        for (var r = 0; r < raw.Count; r++)
        {
            var (kind, i, j, _) = raw[r];
            if (finished[r].Failure is { } failure && notes.Count < 200)
                notes.Add($"patch of A {(i >= 0 ? a.Features[i].Id : null)} / B {(j >= 0 ? b.Features[j].Id : null)}: {failure}");
            foreach (var part in finished[r].Parts)
            {
                if (part.SliverReason != 0)
                {
                    totals.Sliver(kind, i, j, part.AreaM2, part.SliverReason);
                    continue;
                }
                totals.Patch(kind, i, j, part.AreaM2, part.EllipsoidalAreaM2);
                var ca = i >= 0 ? a.Class[i] : null;
                var cb = j >= 0 ? b.Class[j] : null;
                patches.Add(new DiscrepancyPatch
                {
                    Number = patches.Count + 1,
                    Kind = kind,
                    Cylxdm = ca is not null && cb is not null ? DiscrepancyType.Of(ca.Construction, cb.Construction) : null,
                    ClassA = ca?.Name,
                    ClassB = cb?.Name,
                    ValueA = i >= 0 ? a.Value[i] : null,
                    ValueB = j >= 0 ? b.Value[j] : null,
                    FeatureIdA = i >= 0 ? a.Features[i].Id : null,
                    FeatureIdB = j >= 0 ? b.Features[j].Id : null,
                    AttributesA = i >= 0 ? a.Features[i].Attributes : null,
                    AttributesB = j >= 0 ? b.Features[j].Attributes : null,
                    Geometry = part.Polygon,
                    AreaM2 = part.AreaM2,
                    EllipsoidalAreaM2 = part.EllipsoidalAreaM2,
                    PerimeterM = part.PerimeterM,
                    Xzqdm = part.District?.Code,
                    Xzqmc = part.District?.Name,
                    JbntAreaM2 = part.JbntM2,
                    SthxAreaM2 = part.SthxM2,
                    KfbjAreaM2 = part.KfbjM2,
                });
            }
        }

        var classes = totals.Classes();
        var balanceA = totals.BalanceA(overlay.RepairChangeA);
        var balanceB = totals.BalanceB(overlay.RepairChangeB);
        foreach (var balance in new[] { balanceA, balanceB })
            if (!balance.Conserved)
                notes.Add(FormattableString.Invariant(
                    $"area of {balance.Name} is not conserved: {balance.ResidualM2:0.###} m² ({balance.RelativeResidual:E2} relative) unaccounted; its features probably overlap one another (run the topology check) or an overlay failed (see above)"));
        Stage("totals");
        meter.Done();

        var work = new OverlayWork(a.Count, b.Count, match.Count(j => j >= 0), overlay.UnmatchedA.Length, overlay.UnmatchedB.Length,
            overlay.CandidatePairs, overlay.MeasuredPairs, overlay.OverlaidPairs, overlay.ContainedPairs, overlay.TouchingPairs,
            overlay.RemainderA.Count(r => r is not null), overlay.RemainderB.Count(r => r is not null), overlay.Repaired, patches.Count, seconds);
        return new DiscrepancyResult(patches, classes, TotalsBuilder.Types(classes), balanceA, balanceB, totals.Slivers(request.Slivers),
            [.. a.Unclassified, .. b.Unclassified], notes, work);
    }

    private static void Validate(DiscrepancyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var (plan, side) in new[] { (request.A, "A"), (request.B, "B") })
        {
            if (plan is null) throw new ArgumentException($"plan {side} is missing", nameof(request));
            ArgumentNullException.ThrowIfNull(plan.Features, $"{side}.Features");
            ArgumentNullException.ThrowIfNull(plan.Classification, $"{side}.Classification");
            if (string.IsNullOrWhiteSpace(plan.Field)) throw new ArgumentException($"plan {side} names no attribute to compare", nameof(request));
        }
        if (request.Srid <= 0) throw new ArgumentOutOfRangeException(nameof(request), request.Srid, "Srid must be the working CRS's EPSG code");
        ArgumentNullException.ThrowIfNull(request.Slivers);
        request.Slivers.Validate();
        foreach (var layer in new[] { request.Farmland, request.EcologicalRedline, request.UrbanBoundary })
            if (layer is not null && layer.Srid != request.Srid)
                throw new ArgumentException($"control layer {layer.Code} is indexed in EPSG:{layer.Srid}, the plans in EPSG:{request.Srid}", nameof(request));
    }
}
