using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;

namespace OneBlueprint.DemoCity.Tests.Synthesis;

[Collection(DemoCityCollection.Name)]
public class EcologicalRedlinesTests(DemoCityFixture fixture)
{
    [Fact]
    public void Redlines_HaveBetween2000And20000Vertices()
    {
        var features = fixture.Layer(LayerCodes.EcologicalRedlines).Features;
        Assert.InRange(features.Count, 4, 20);
        Assert.All(features, f => Assert.InRange(f.Geometry.NumPoints, 2_000, 20_000));
    }

    [Fact]
    public void Redlines_HaveEnclavesAsHoles()
    {
        var holes = fixture.Geometries(LayerCodes.EcologicalRedlines).SelectMany(GeometryParts.Polygons).Sum(p => p.NumInteriorRings);
        Assert.True(holes >= 1, "no ecological redline has a hole");
    }

    [Fact]
    public void Redlines_LieInsideTheCityAndDoNotOverlapEachOther()
    {
        var redlines = fixture.Geometries(LayerCodes.EcologicalRedlines).ToList();
        foreach (var r in redlines)
            Assert.True(r.Difference(fixture.City.Boundary).Area < 1, "a redline reaches outside the city");
        for (var a = 0; a < redlines.Count; a++)
            for (var b = a + 1; b < redlines.Count; b++)
                Assert.True(redlines[a].Intersection(redlines[b]).Area < LayerIndex.Tolerance, $"redlines {a} and {b} overlap");
    }

    [Fact]
    public void Redlines_AreMostlyInTheHillyWestAndAlongTheYellowRiver()
    {
        var layer = fixture.Layer(LayerCodes.EcologicalRedlines);
        var centre = fixture.Geometries(LayerCodes.UrbanAreas).OrderByDescending(g => g.Area).First().Centroid;
        var hills = layer.Features.Where(f => (string)f.Attributes["HXMC"]! is var n && !n.Contains("黄河") && !n.Contains("伊洛河")).ToList();
        Assert.NotEmpty(hills);
        // Zhengzhou's hills (嵩山, 箕山, 浮戏山, 具茨山 …) are west and south-west of the central city.
        foreach (var f in hills)
            Assert.True(f.Geometry.Centroid.X < centre.X && f.Geometry.Centroid.Y < centre.Y, $"{f.Attributes["HXMC"]} is not south-west of the centre");
        var yellow = fixture.Layer(LayerCodes.Rivers).Features.Single(f => (string?)f.Attributes["HLMC"] == "黄河").Geometry;
        Assert.Contains(layer.Features, f => f.Geometry.Intersects(yellow.Buffer(100)));
    }

    [Fact]
    public void Redlines_CarryTheirAttributes()
    {
        var districts = fixture.Layer(LayerCodes.Districts).Features.Select(f => (string)f.Attributes["XZQDM"]!).ToHashSet();
        foreach (var f in fixture.Layer(LayerCodes.EcologicalRedlines).Features)
        {
            Assert.Equal(["BSM", "HXMC", "HXLX", "MJ", "XZQDM", "SJLY"], f.Attributes.Keys);
            Assert.Contains((string)f.Attributes["HXLX"]!, new[] { "水源涵养", "生物多样性维护", "水土保持" });
            Assert.Equal(f.Geometry.Area / 10_000, (double)f.Attributes["MJ"]!, 0.1);
            Assert.Contains((string)f.Attributes["XZQDM"]!, districts);
            Assert.Contains("生态保护红线", (string)f.Attributes["HXMC"]!);
        }
    }

    [Fact]
    public void UrbanBoundary_IsAFewPolygonsOfAFewThousandVerticesOutsideTheRedlines()
    {
        var boundary = fixture.Geometries(LayerCodes.UrbanBoundary).ToList();
        Assert.InRange(boundary.Count, 1, 12);
        Assert.InRange(boundary.Sum(g => g.NumPoints), 1_500, 12_000);
        Assert.All(boundary, g => Assert.IsType<Polygon>(g));
        var redlines = new LayerIndex(fixture.Geometries(LayerCodes.EcologicalRedlines));
        Assert.All(boundary, g => Assert.False(redlines.Overlaps(g), "the urban boundary overlaps an ecological redline"));
        // It encloses the real urban area it was grown from (Zhengzhou proper), bar the redlines.
        var urban = fixture.Geometries(LayerCodes.UrbanAreas).OrderByDescending(g => g.Area).First();
        var union = fixture.City.Boundary.Factory.CreateGeometryCollection(boundary.ToArray()).Union();
        Assert.True(urban.Difference(union).Area < 0.05 * urban.Area, "the urban boundary leaves much of the urban area out");
    }
}
