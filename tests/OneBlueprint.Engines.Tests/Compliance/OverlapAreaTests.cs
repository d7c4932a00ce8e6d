using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Engines.Tests.Support;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Compliance;

/// <summary>Hand-made cases whose overlap areas are known exactly, in both engine modes and rotated by several angles.</summary>
public class OverlapAreaTests
{
    public static TheoryData<string, double> Modes()
    {
        var data = new TheoryData<string, double>();
        foreach (var mode in new[] { "fast", "plain" })
        foreach (var angle in new[] { 0.0, 17.0, 45.0, 121.3 })
            data.Add(mode, angle);
        return data;
    }

    private static readonly Coordinate Pivot = new(X0 + 37, Y0 + 11);

    /// <summary>The overlap (and per-feature overlaps) of a red line with features, after rotating everything by <paramref name="degrees"/>.</summary>
    private static LayerCompliance Overlap(string mode, double degrees, Geometry redLine, params Geometry[] features)
    {
        var rotation = AffineTransformation.RotationInstance(degrees * Math.PI / 180, Pivot.X, Pivot.Y);
        Geometry Turn(Geometry g) => degrees == 0 ? g : rotation.Transform(g);
        var engine = mode == "fast" ? TestEngines.Fast : TestEngines.Plain;
        var layer = ControlLayerIndex.Build("STBHHX", 1, Srid, features.Select((f, i) => new ControlFeature(i + 1, Turn(f))));
        return TestEngines.CheckOne(engine, Turn(redLine), layer);
    }

    /// <summary>
    /// Within 1e-9 relative, plus 1e-6 m² absolute: a rotation moves coordinates of ~4·10⁶ m by up to an ulp (5·10⁻¹⁰ m),
    /// which changes a shape's area by up to its perimeter times that.
    /// </summary>
    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, expected) + 1e-6, $"expected {expected}, got {actual}");

    [Theory, MemberData(nameof(Modes))]
    public void Overlap_TwoSquares_QuarterOfEach(string mode, double angle)
    {
        var result = Overlap(mode, angle, Square(0, 0, 100), Square(50, 50, 100));
        Near(2500, result.OverlapAreaM2);
        Near(0.25, result.OverlapRatio);
        Assert.Equal(Verdict.Conflict, result.Verdict);
    }

    [Theory, MemberData(nameof(Modes))]
    public void Overlap_RedLineWithHole_FeatureInTheHoleCountsNothing(string mode, double angle)
    {
        var redLine = WithHoles(Square(0, 0, 100), Square(25, 25, 50));
        var result = Overlap(mode, angle, redLine, Square(30, 30, 10), Rect(-10, 40, 120, 20));
        Near(100 * 20 - 50 * 20, result.OverlapAreaM2);
        Assert.Equal(2, Assert.Single(result.Features).FeatureId);
    }

    [Theory, MemberData(nameof(Modes))]
    public void Overlap_FeatureWithHole_HoleIsSubtracted(string mode, double angle)
    {
        var feature = WithHoles(Square(0, 0, 100), Square(25, 25, 50));
        var result = Overlap(mode, angle, Square(40, 40, 100), feature);
        Near(60 * 60 - 35 * 35, result.OverlapAreaM2);
    }

    [Theory, MemberData(nameof(Modes))]
    public void Overlap_TwoParcels_BothCount(string mode, double angle)
    {
        var result = Overlap(mode, angle, Multi(Square(0, 0, 50), Square(200, 0, 50)), Rect(25, 10, 200, 20));
        Near(2 * 25 * 20, result.OverlapAreaM2);
        Near(1000.0 / 5000, result.OverlapRatio);
    }

    [Theory, MemberData(nameof(Modes))]
    public void Overlap_RedLineInsideFeature_IsTheWholeRedLine(string mode, double angle)
    {
        var redLine = WithHoles(Square(10, 10, 20), Square(15, 15, 5));
        var result = Overlap(mode, angle, redLine, WithHoles(Square(0, 0, 100), Square(60, 60, 10)));
        Near(375, result.OverlapAreaM2);
        Near(1, result.OverlapRatio);
    }

    [Theory, MemberData(nameof(Modes))]
    public void Overlap_FeatureInsideRedLine_IsTheWholeFeature(string mode, double angle)
    {
        var result = Overlap(mode, angle, Square(0, 0, 100), Square(10, 10, 5), WithHoles(Square(40, 40, 30), Square(50, 50, 5)));
        Near(25 + 900 - 25, result.OverlapAreaM2);
        Assert.Equal(2, result.Features.Count);
    }

    [Theory, MemberData(nameof(Modes))]
    public void Overlap_FeatureFillingRedLineHole_CountsNothing(string mode, double angle)
    {
        // The feature is exactly the hole: boundaries coincide (the kernel declines, OverlayNG decides).
        var result = Overlap(mode, angle, WithHoles(Square(0, 0, 100), Square(25, 25, 50)), Square(25, 25, 50));
        Near(0, result.OverlapAreaM2);
        Assert.Equal("GEN-PASS-NO-OVERLAP", result.RuleId);
    }

    [Theory, MemberData(nameof(Modes))]
    public void Overlap_SharedEdgesAndIdenticalShapes_AreExact(string mode, double angle)
    {
        Near(0, Overlap(mode, angle, Square(0, 0, 100), Square(100, 0, 100)).OverlapAreaM2);          // touching side by side
        Near(5000, Overlap(mode, angle, Rect(0, 0, 50, 100), Square(0, 0, 100)).OverlapAreaM2);       // inside, sharing three sides
        Near(10000, Overlap(mode, angle, Square(0, 0, 100), Square(0, 0, 100)).OverlapAreaM2);        // identical
        Near(2500, Overlap(mode, angle, Square(0, 0, 100), Rect(50, 50, 50, 100)).OverlapAreaM2);     // sharing part of a side
    }

    [Theory, MemberData(nameof(Modes))]
    public void Overlap_Sliver_IsEdgeContactAndPasses(string mode, double angle)
    {
        var tiny = Overlap(mode, angle, Square(0, 0, 100), Square(99.5, 99.5, 10)); // 0.25 m²
        Near(0.25, tiny.OverlapAreaM2);
        Assert.Equal(Verdict.Pass, tiny.Verdict);
        Assert.True(tiny.EdgeContact);
        Assert.Equal("GEN-PASS-EDGE-CONTACT", tiny.RuleId);
        Assert.True(Assert.Single(tiny.Features).EdgeContact);

        var thin = Overlap(mode, angle, Square(0, 0, 100), Rect(99.97, -50, 50, 200)); // 0.03 m × 100 m = 3 m², mean width ~0.03
        Near(3, thin.OverlapAreaM2);
        Assert.True(thin.EdgeContact);

        var real = Overlap(mode, angle, Square(0, 0, 100), Square(90, 90, 20)); // 100 m²
        Assert.Equal(Verdict.Conflict, real.Verdict);
        Assert.False(real.EdgeContact);
    }
}
