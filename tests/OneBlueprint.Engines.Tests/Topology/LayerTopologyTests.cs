using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Topology;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Topology;

/// <summary>
/// Within-layer checks on hand-made shapes whose answers are known by arithmetic: rectangles that overlap by a known
/// rectangle, a hole of known size and width between four neighbours, a bow-tie whose crossing point is its centre.
/// (The same checks on real data against PostGIS are in OneBlueprint.Server.Tests/Topology.)
/// </summary>
public class LayerTopologyTests
{
    private static TopologyLayer Layer(params (string Id, Geometry Shape)[] features) =>
        new("TEST", Srid, features.Select(f => new TopologyFeature(f.Id, $"名{f.Id}", f.Shape)).ToList());

    [Fact]
    public void Overlap_OfTwoRectangles_IsTheSharedRectangle()
    {
        var result = TopologyEngine.CheckLayer(Layer(
            ("a", Rect(0, 0, 100, 100)),
            ("b", Rect(60, 20, 100, 50)),     // shares 40 × 50 = 2,000 m² with a
            ("c", Rect(160, 0, 100, 100))));  // touches b along an edge: no overlap

        var overlap = Assert.Single(result.OfKind(TopologyKinds.Overlap));
        Assert.Equal(["a", "b"], overlap.Features.Select(f => f.Id));
        Assert.Equal("名a", overlap.Features[0].Name);
        Assert.Equal(2_000, overlap.Area!.PlanarM2, 6);
        Assert.Equal(Srid, overlap.Area.PlanarSrid);
        // Near the central meridian the GK scale factor is 1: ellipsoidal and planar agree to well under 0.1 %.
        Assert.Equal(1.0, overlap.Area.EllipsoidalM2 / 2_000, 3);
        var box = overlap.Geometry.EnvelopeInternal;
        Assert.Equal((X0 + 60, Y0 + 20, X0 + 100, Y0 + 70), (box.MinX, box.MinY, box.MaxX, box.MaxY));
        Assert.Equal(0, result.Count(TopologyKinds.Invalid));
        Assert.Equal(0, result.Count(TopologyKinds.Gap));
    }

    /// <summary>Four rectangles around a 20 m × 50 m hole (1,000 m², 20 m wide); the land outside them is no gap.</summary>
    private static TopologyLayer Frame() => Layer(
        ("left", Rect(0, 0, 100, 150)),
        ("right", Rect(120, 0, 100, 150)),
        ("bottom", Rect(100, 0, 20, 50)),
        ("top", Rect(100, 100, 20, 50)));

    [Fact]
    public void Gap_NarrowerThanTheWidth_IsReportedWithItsNeighbours()
    {
        var result = TopologyEngine.CheckLayer(Frame(), new TopologyOptions { MaxGapWidthM = 100 });

        var gap = Assert.Single(result.OfKind(TopologyKinds.Gap));
        Assert.Equal(1_000, gap.Area!.PlanarM2, 6);
        Assert.Equal(["left", "right", "bottom", "top"], gap.Features.Select(f => f.Id));
        Assert.InRange(gap.WidthM!.Value, 20 - 100 / 10.0, 20); // reported to within a tenth of the gap width
        Assert.Equal(1_000, result.TotalArea(TopologyKinds.Gap).PlanarM2, 6);
        Assert.Equal(0, result.WideHoleCount);
        Assert.Empty(result.OfKind(TopologyKinds.Overlap));
    }

    [Fact]
    public void Gap_WiderThanTheWidth_IsCountedButNotReported()
    {
        var result = TopologyEngine.CheckLayer(Frame(), new TopologyOptions { MaxGapWidthM = 19 });

        Assert.Empty(result.OfKind(TopologyKinds.Gap));
        Assert.Equal(1, result.WideHoleCount);
        Assert.Equal(1_000, result.WideHoleAreaM2, 6);
    }

    [Fact]
    public void Gap_WithoutAWidthLimit_EveryEnclosedHoleCounts()
    {
        var result = TopologyEngine.CheckLayer(Frame(), new TopologyOptions { MaxGapWidthM = null });

        var gap = Assert.Single(result.OfKind(TopologyKinds.Gap));
        Assert.Equal(20, gap.WidthM!.Value, 0);
    }

    [Fact]
    public void Invalid_BowTie_IsReportedAtItsCrossingAndAnalysedRepaired()
    {
        var bowTie = Wkt($"POLYGON (({X0} {Y0}, {X0 + 100} {Y0 + 100}, {X0 + 100} {Y0}, {X0} {Y0 + 100}, {X0} {Y0}))");
        var result = TopologyEngine.CheckLayer(Layer(("tie", bowTie), ("square", Rect(90, 0, 50, 50))));

        var invalid = Assert.Single(result.OfKind(TopologyKinds.Invalid));
        Assert.Equal("Self-intersection", invalid.Reason);
        Assert.Equal("geometry.self_intersection", invalid.ReasonCode);
        Assert.Equal(X0 + 50, invalid.Location!.X, 9);
        Assert.Equal(Y0 + 50, invalid.Location.Y, 9);
        Assert.IsType<Point>(invalid.Geometry);
        Assert.Null(invalid.Area);
        // CM 114°E: 500 km easting is on the meridian, 3,840 km north is about 34.7°N.
        Assert.Equal(114.0, invalid.LonLat!.X, 2);
        Assert.InRange(invalid.LonLat.Y, 34.6, 34.8);

        // Repaired, the tie is two triangles; the right one is 100 − x ≤ y ≤ x for x ∈ [50, 100]. The square
        // (x 90–140, y 0–50) shares with it the strip x ∈ [90, 100], 100 − x ≤ y ≤ 50: a trapezoid of heights 40 and 50.
        var overlap = Assert.Single(result.OfKind(TopologyKinds.Overlap));
        var expected = 0.5 * 10 * (40 + 50);
        Assert.Equal(expected, overlap.Area!.PlanarM2, 6);
        Assert.Contains(result.Notes, n => n.Contains("analysed as repaired"));
    }

    [Fact]
    public void Invalid_NotReported_WhenTheCallerJudgedValidity()
    {
        var bowTie = Wkt($"POLYGON (({X0} {Y0}, {X0 + 100} {Y0 + 100}, {X0 + 100} {Y0}, {X0} {Y0 + 100}, {X0} {Y0}))");
        var result = TopologyEngine.CheckLayer(Layer(("tie", bowTie)), new TopologyOptions { ReportInvalid = false });
        Assert.Empty(result.OfKind(TopologyKinds.Invalid));
    }

    [Fact]
    public void MinArea_DropsSmallFindings_AndCountsThem()
    {
        var layer = Layer(("a", Rect(0, 0, 100, 100)), ("b", Rect(99, 0, 100, 100)), ("c", Rect(0, 98, 100, 100)));
        var result = TopologyEngine.CheckLayer(layer, new TopologyOptions { MinAreaM2 = 150 });

        var kept = Assert.Single(result.OfKind(TopologyKinds.Overlap));
        Assert.Equal(["a", "c"], kept.Features.Select(f => f.Id)); // 100 × 2 = 200 m²
        Assert.Equal(2, result.FilteredCount);                     // a–b 100 m², b–c 1 × 2 = 2 m²
        Assert.Equal(102, result.FilteredAreaM2, 6);
    }

    [Fact]
    public void Features_WithoutArea_AreLeftOutWithANote()
    {
        var line = Factory.CreateLineString([new Coordinate(X0, Y0), new Coordinate(X0 + 10, Y0)]);
        var result = TopologyEngine.CheckLayer(Layer(("line", line), ("a", Rect(0, 0, 10, 10))));
        Assert.Empty(result.Findings);
        Assert.Contains(result.Notes, n => n.Contains("without area") && n.Contains("line"));
    }

    [Fact]
    public void Layer_InDegrees_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new TopologyLayer("LONLAT", 4490, []));
}
