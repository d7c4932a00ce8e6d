using OneBlueprint.Engines.Topology;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Topology;

/// <summary>The 三线 against each other, on rectangles whose shared areas are known by arithmetic.</summary>
public class ThreeLinesTests
{
    private static TopologyLayer Layer(string code, params (string Id, NetTopologySuite.Geometries.Geometry Shape)[] features) =>
        new(code, Srid, features.Select(f => new TopologyFeature(f.Id, null, f.Shape)).ToList());

    private static TopologyResult Check() => TopologyEngine.CheckThreeLines(
        Layer("STBHHX", ("eco", Rect(0, 0, 1_000, 1_000))),
        Layer("YJJBNTBHTB",
            ("f1", Rect(900, 0, 200, 100)),      // 100 × 100 inside the redline, the rest outside
            ("f2", Rect(2_100, 100, 100, 100)),  // wholly inside the urban boundary: counts whole (10,000 m²)
            ("f3", Rect(1_500, 1_500, 50, 50))), // touches nothing
        Layer("CZKFBJ", ("urban", Rect(800, 50, 2_000, 500))));

    [Fact]
    public void RedlineFarmland_IsTheSharedPart()
    {
        var f = Assert.Single(Check().OfKind(TopologyKinds.RedlineFarmland));
        Assert.Equal(["STBHHX:eco", "YJJBNTBHTB:f1"], f.Features.Select(r => $"{r.Layer}:{r.Id}"));
        Assert.Equal(100 * 100, f.Area!.PlanarM2, 6);
    }

    [Fact]
    public void FarmlandInUrbanBoundary_CountsPartsAndWholePatches()
    {
        var found = Check().OfKind(TopologyKinds.FarmlandInUrbanBoundary).ToList();
        Assert.Equal(["f1", "f2"], found.Select(f => f.Features[0].Id));
        Assert.All(found, f => Assert.Equal("urban", f.Features[1].Id));
        Assert.Equal(200 * 50, found[0].Area!.PlanarM2, 6);  // f1: x 900–1100, y 50–100
        Assert.Equal(100 * 100, found[1].Area!.PlanarM2, 6); // f2 whole
    }

    [Fact]
    public void RedlineUrbanBoundary_IsTheSharedPart()
    {
        var f = Assert.Single(Check().OfKind(TopologyKinds.RedlineUrbanBoundary));
        Assert.Equal(["eco", "urban"], f.Features.Select(r => r.Id));
        Assert.Equal(200 * 500, f.Area!.PlanarM2, 6); // x 800–1000, y 50–550
    }

    [Fact]
    public void Findings_AreOrderedByKindAndNumbered()
    {
        var result = Check();
        Assert.Equal(
            [TopologyKinds.RedlineFarmland, TopologyKinds.FarmlandInUrbanBoundary, TopologyKinds.FarmlandInUrbanBoundary, TopologyKinds.RedlineUrbanBoundary],
            result.Findings.Select(f => f.Kind));
        Assert.Equal([1, 2, 3, 4], result.Findings.Select(f => f.Number));
        Assert.Equal("STBHHX+YJJBNTBHTB+CZKFBJ", result.Layer);
        Assert.Equal("永久基本农田位于城镇开发边界内", result.Findings[1].KindName);
    }

    [Fact]
    public void Layers_InDifferentSystems_AreRefused() =>
        Assert.Throws<ArgumentException>(() => TopologyEngine.CheckThreeLines(
            Layer("STBHHX"), new TopologyLayer("YJJBNTBHTB", 4546, []), Layer("CZKFBJ")));
}
