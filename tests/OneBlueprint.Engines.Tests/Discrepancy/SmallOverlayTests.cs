using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Discrepancy;
using OneBlueprint.Engines.Discrepancy.Classification;
using OneBlueprint.Engines.Discrepancy.Overlay;
using OneBlueprint.Engines.Discrepancy.Results;
using OneBlueprint.Engines.Indexing;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Discrepancy;

/// <summary>Hand-made plans whose answers are known exactly.</summary>
public sealed class SmallOverlayTests
{
    private static ControlFeature F(long id, Geometry g, string value) => new(id, g, new Dictionary<string, object?> { ["V"] = value });

    private static DiscrepancyResult Run(IReadOnlyList<ControlFeature> a, IReadOnlyList<ControlFeature> b, SliverRules? slivers = null, bool oneSided = true) =>
        DiscrepancyEngine.Default.Run(new DiscrepancyRequest
        {
            A = new PlanLayer("A", a, "V", LandUseClassification.AsIs),
            B = new PlanLayer("B", b, "V", LandUseClassification.AsIs),
            Srid = Srid,
            Slivers = slivers ?? SliverRules.None,
            OneSidedPatches = oneSided,
        });

    [Fact]
    public void Slivers_NarrowStripOnOneSide_AreCountedAndNotKept()
    {
        var a = Square(0, 0, 100);
        var b = (Polygon)a.Buffer(-0.05);
        var strip = a.Area - b.Area;

        var kept = Run([F(1, a, "x")], [F(1, b, "x")]);
        var patch = Assert.Single(kept.Patches);
        Assert.Equal(PartKind.OnlyA, patch.Kind);
        Assert.Equal(strip, patch.AreaM2, 6);
        Assert.Equal(0.05, SliverRules.MeanWidth(patch.AreaM2, patch.PerimeterM), 3);

        var filtered = Run([F(1, a, "x")], [F(1, b, "x")], new SliverRules(0, 0.1));
        Assert.Empty(filtered.Patches);
        Assert.Equal(1, filtered.Slivers.Count);
        Assert.Equal(1, filtered.Slivers.TooNarrow);
        Assert.Equal(strip, filtered.Slivers.AreaM2, 6);
        Assert.Equal(strip, filtered.A.SliverM2, 6);
        Assert.Equal(0, filtered.B.SliverM2);
        Assert.True(filtered.Conserved);

        var bySize = Run([F(1, a, "x")], [F(1, b, "x")], new SliverRules(strip + 1, 0));
        Assert.Equal(1, bySize.Slivers.TooSmall);
    }

    [Fact]
    public void Overlay_ShiftedSquares_GiveDifferAndOneSidedPartsOfKnownSize()
    {
        // A: 100×100 at 0; B: 100×100 at x = 30. Common 70×100 (classes differ), A only 30×100, B only 30×100.
        var result = Run([F(1, Square(0, 0, 100), "211")], [F(7, Square(30, 0, 100), "R2")]);
        Assert.Equal(3, result.Patches.Count);
        var differ = result.Patches.Single(p => p.Kind == PartKind.Differ);
        Assert.Equal(7000, differ.AreaM2, 6);
        Assert.Equal(("211", "R2", 1L, 7L), (differ.ValueA, differ.ValueB, differ.FeatureIdA, differ.FeatureIdB));
        Assert.Equal(3000, result.Patches.Single(p => p.Kind == PartKind.OnlyA).AreaM2, 6);
        Assert.Equal(3000, result.Patches.Single(p => p.Kind == PartKind.OnlyB).AreaM2, 6);
        Assert.Equal(Enumerable.Range(1, 3), result.Patches.Select(p => p.Number));
        Assert.True(result.Conserved);
        // Ellipsoidal area near Zhengzhou's central meridian differs from GK planar by well under 0.1 %.
        Assert.Equal(1.0, differ.EllipsoidalAreaM2 / differ.AreaM2, 3);
    }

    [Fact]
    public void Overlay_OneSidedCountedOnly_KeepsThemOutOfThePatchesButInTheBalance()
    {
        var result = Run([F(1, Square(0, 0, 100), "x")], [F(2, Square(30, 0, 100), "x")], oneSided: false);
        Assert.Empty(result.Patches);
        Assert.Equal(3000, result.A.OneSidedM2, 6);
        Assert.Equal(7000, result.A.AgreedM2, 6);
        Assert.True(result.Conserved);
    }

    [Fact]
    public void Overlay_InvalidFeatureThatIsOverlaid_IsRepairedAndNoted()
    {
        // A bow tie (self-intersecting): measured as its repaired copy, the two triangles of 2 × 25 m².
        var bowTie = Wkt($"POLYGON(({X0} {Y0}, {X0 + 10} {Y0 + 10}, {X0 + 10} {Y0}, {X0} {Y0 + 10}, {X0} {Y0}))");
        var result = Run([F(1, bowTie, "x")], [F(2, Square(0, 0, 10), "y")]);
        Assert.Contains(result.Notes, n => n.Contains("invalid") && n.Contains("repaired"));
        Assert.Equal(1, result.Work.RepairedFeatures);
        Assert.Equal(50, result.A.AreaM2, 6);
        Assert.Equal(50, result.Patches.Where(p => p.Kind == PartKind.Differ).Sum(p => p.AreaM2), 6);
        Assert.True(result.Conserved);
    }

    [Fact]
    public void Fingerprint_SameRingFromAnotherStartOrReversed_IsTheSameShape()
    {
        var a = Wkt($"POLYGON(({X0} {Y0}, {X0 + 10} {Y0}, {X0 + 10} {Y0 + 10}, {X0} {Y0 + 10}, {X0} {Y0}))");
        var rotated = Wkt($"POLYGON(({X0 + 10} {Y0 + 10}, {X0} {Y0 + 10}, {X0} {Y0}, {X0 + 10} {Y0}, {X0 + 10} {Y0 + 10}))");
        var reversed = a.Reverse();
        var moved = Wkt($"POLYGON(({X0} {Y0}, {X0 + 10} {Y0}, {X0 + 10} {Y0 + 10.001}, {X0} {Y0 + 10}, {X0} {Y0}))");
        Assert.Equal(ShapeFingerprint.Hash(a), ShapeFingerprint.Hash(rotated));
        Assert.Equal(ShapeFingerprint.Hash(a), ShapeFingerprint.Hash(reversed));
        Assert.True(ShapeFingerprint.Same(a, rotated));
        Assert.True(ShapeFingerprint.Same(a, reversed));
        Assert.False(ShapeFingerprint.Same(a, moved));
    }

    [Fact]
    public void Overlay_UnknownValues_AreReportedWithTheirCounts()
    {
        var result = DiscrepancyEngine.Default.Run(new DiscrepancyRequest
        {
            A = new PlanLayer("A", [F(1, Square(0, 0, 10), "211"), F(2, Square(10, 0, 10), "0101"), F(3, Square(20, 0, 10), "0101")], "V", LandUseClassification.LandUsePlan),
            B = new PlanLayer("B", [F(1, Square(0, 0, 30), "R2")], "V", LandUseClassification.UrbanPlan),
            Srid = Srid,
        });
        var unknown = Assert.Single(result.Unclassified);
        Assert.Equal(("A", "0101", 2), (unknown.Side, unknown.Value, unknown.Features));
        Assert.Contains(result.Classes, c => c.ClassA == LandUseClassification.UnclassifiedName && c.Cylxdm is null);
    }
}
