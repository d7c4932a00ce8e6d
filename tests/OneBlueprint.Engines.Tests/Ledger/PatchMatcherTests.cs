using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Ledger;
using OneBlueprint.Engines.Tests.Support;

namespace OneBlueprint.Engines.Tests.Ledger;

public class PatchMatcherTests
{
    private static Geometry Box(double x, double y, double w, double h) =>
        Shapes.Square(0, 0, 1).Factory.ToGeometry(new Envelope(Shapes.X0 + x, Shapes.X0 + x + w, Shapes.Y0 + y, Shapes.Y0 + y + h));

    [Fact]
    public void Match_UnchangedChangedNewAndVanished()
    {
        PatchMatcher.Previous[] previous =
        [
            new("CY000001", "2", Box(0, 0, 100, 100)),     // stays exactly
            new("CY000002", "2", Box(500, 0, 100, 100)),   // edge moved by 10 m
            new("CY000003", "3", Box(1000, 0, 100, 100)),  // stays, listed first in the new run
            new("CY000004", "2", Box(2000, 0, 100, 100)),  // gone
        ];
        PatchMatcher.Current[] current =
        [
            new("3", Box(1000, 0, 100, 100)),
            new("2", Box(0, 0, 100, 100)),
            new("2", Box(500, 0, 90, 100)),
            new("2", Box(3000, 0, 50, 50)),                // new
        ];
        var result = PatchMatcher.Match(previous, current);
        Assert.Equal((PatchMatch.Unchanged, "CY000003"), (result.Assignments[0].Match, result.Assignments[0].Dkbh));
        Assert.Equal((PatchMatch.Unchanged, "CY000001"), (result.Assignments[1].Match, result.Assignments[1].Dkbh));
        Assert.Equal((PatchMatch.Changed, "CY000002"), (result.Assignments[2].Match, result.Assignments[2].Dkbh));
        Assert.Equal(0.9, result.Assignments[2].Overlap, 1e-9);
        Assert.Equal((PatchMatch.New, (string?)null), (result.Assignments[3].Match, result.Assignments[3].Dkbh));
        Assert.Equal(["CY000004"], result.Vanished);
    }

    [Fact]
    public void Match_KindChangeAtTheSamePlaceIsChanged()
    {
        var result = PatchMatcher.Match([new("CY000001", "2", Box(0, 0, 100, 100))], [new("3", Box(0, 0, 100, 100))]);
        Assert.Equal(PatchMatch.Changed, result.Assignments[0].Match);
        Assert.Equal("CY000001", result.Assignments[0].Dkbh);
    }

    [Fact]
    public void Match_SplitKeepsTheNumberOnTheLargerPart_InEitherInputOrder()
    {
        PatchMatcher.Previous[] previous = [new("CY000007", "2", Box(0, 0, 100, 100))];
        PatchMatcher.Current[] parts = [new("2", Box(0, 0, 30, 100)), new("2", Box(30, 0, 70, 100))];
        var forward = PatchMatcher.Match(previous, parts);
        var backward = PatchMatcher.Match(previous, parts.Reverse().ToArray());
        Assert.Equal("CY000007", forward.Assignments[1].Dkbh);   // 70 % of the old patch: IoU 0.7
        Assert.Equal(PatchMatch.New, forward.Assignments[0].Match); // IoU 0.3: below MinOverlap
        Assert.Equal("CY000007", backward.Assignments[0].Dkbh);
        Assert.Empty(forward.Vanished);
    }

    [Fact]
    public void IntersectionOverUnion_AgreesWithTheOverlayAreas()
    {
        var a = Box(0, 0, 100, 100);
        var b = Box(50, 0, 100, 100);
        var expected = a.Intersection(b).Area / a.Union(b).Area;
        Assert.Equal(expected, PatchMatcher.IntersectionOverUnion(a, b), 1e-12);
        Assert.Equal(0, PatchMatcher.IntersectionOverUnion(a, Box(500, 500, 10, 10)));
    }
}
