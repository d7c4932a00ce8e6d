namespace OneBlueprint.DemoCity.Tests.Synthesis;

[Collection(DemoCityCollection.Name)]
public class FourLinesTests(DemoCityFixture fixture)
{
    [Theory]
    [InlineData("LX")]
    [InlineData("LVX")]
    [InlineData("HX")]
    public void Lines_HaveAFewDozenToAFewHundredPolygons(string code) =>
        Assert.InRange(fixture.Layer(code).Features.Count, 24, 500);

    [Fact]
    public void PurpleLines_AreAFewSmallHeritageAreas()
    {
        var features = fixture.Layer(LayerCodes.PurpleLine).Features;
        Assert.InRange(features.Count, 6, 60);
        Assert.All(features, f => Assert.InRange(f.Geometry.Area / 10_000, 0.1, 150));
        Assert.Contains(features, f => (string?)f.Attributes["FWLX"] == "保护范围");
        Assert.Contains(features, f => (string?)f.Attributes["FWLX"] == "建设控制地带");
    }

    [Fact]
    public void BlueLines_Are30To100MetresAroundWater()
    {
        var water = fixture.Geometries(LayerCodes.Rivers).Concat(fixture.Geometries(LayerCodes.Lakes)).ToList();
        foreach (var f in fixture.Layer(LayerCodes.BlueLine).Features)
        {
            var width = (double)f.Attributes["KZKD"]!;
            Assert.InRange(width, 30, 100);
            // Every point of the blue line is within its control width of some water (plus the 1 mm grid and
            // the chord sag of the reference buffer).
            var near = water.Where(w => w.EnvelopeInternal.Intersects(f.Geometry.EnvelopeInternal)).Select(w => w.Buffer(width + 0.05, 32)).ToList();
            var uncovered = near.Aggregate(f.Geometry, (g, w) => g.Difference(w));
            Assert.True(uncovered.Area < 1, $"{f.Id} reaches {uncovered.Area:0} m² beyond {width} m of water");
        }
    }

    [Fact]
    public void GreenLines_LieInsideTheUrbanBoundary()
    {
        var urban = fixture.City.Boundary.Factory.CreateGeometryCollection(fixture.Geometries(LayerCodes.UrbanBoundary).ToArray()).Union();
        Assert.All(fixture.Geometries(LayerCodes.GreenLine), g => Assert.True(g.Difference(urban).Area < 1));
        Assert.Contains(fixture.Layer(LayerCodes.GreenLine).Features, f => (string?)f.Attributes["LDLX"] == "公园绿地");
    }

    [Fact]
    public void YellowLines_StayOutOfTheEcologicalRedlines()
    {
        var redlines = new LayerIndex(fixture.Geometries(LayerCodes.EcologicalRedlines));
        Assert.All(fixture.Geometries(LayerCodes.YellowLine), g => Assert.False(redlines.Overlaps(g)));
        Assert.Contains(fixture.Layer(LayerCodes.YellowLine).Features, f => (string?)f.Attributes["SSLX"] == "电力走廊");
        Assert.Contains(fixture.Layer(LayerCodes.YellowLine).Features, f => (string?)f.Attributes["SSLX"] == "变电站");
    }
}
