using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;

namespace OneBlueprint.DemoCity.Tests.Synthesis;

[Collection(DemoCityCollection.Name)]
public class DemoProjectsTests(DemoCityFixture fixture)
{
    private Geometry RedLine(DemoProject p) =>
        fixture.City.Boundary.Factory.CreateMultiPolygon(p.RedLine.Features.SelectMany(f => GeometryParts.Polygons(f.Geometry)).ToArray());

    private Dictionary<string, double> Overlaps(Geometry shape) =>
        LayerCodes.ControlLayers.ToDictionary(c => c, c => new LayerIndex(fixture.Geometries(c)).OverlapArea(shape));

    [Fact]
    public void Projects_AreSixToTenWithValidCodesAndOneToThreeParcels()
    {
        var projects = fixture.City.Projects;
        Assert.InRange(projects.Count, 6, 10);
        Assert.Equal(projects.Count, projects.Select(p => p.Code).Distinct().Count());
        foreach (var p in projects)
        {
            Assert.Matches(@"^2026-410100-\d{2}-\d{2}-\d{6}$", p.Code);
            Assert.InRange(p.RedLine.Features.Count, 1, 3);
            Assert.Equal(4547, p.RedLine.Srid);
            Assert.Equal(p.Code, p.RedLine.Metadata["项目信息.项目代码"]);
            Assert.Equal(p.Name, p.RedLine.Metadata["项目信息.项目名称"]);
            Assert.All(p.RedLine.Features, f =>
            {
                Assert.IsType<Polygon>(f.Geometry);
                Assert.False(string.IsNullOrEmpty(f.Attributes["地块编号"] as string));
                Assert.False(string.IsNullOrEmpty(f.Attributes["地块名称"] as string));
                Assert.False(string.IsNullOrEmpty(f.Attributes["地块用途"] as string));
            });
        }
        Assert.Contains(projects, p => p.RedLine.Features.Any(f => ((Polygon)f.Geometry).NumInteriorRings > 0));
        Assert.Contains(projects, p => p.RedLine.Features.Count == 3);
        foreach (var category in new[] { "工业", "居住", "交通", "能源", "水利" })
            Assert.Contains(projects, p => p.Category == category);
    }

    [Fact]
    public void Projects_CoordinatesAreWholeMillimetres() =>
        Assert.All(fixture.City.Projects.SelectMany(p => p.RedLine.Features).SelectMany(f => f.Geometry.Coordinates), c =>
        {
            Assert.Equal(Math.Round(c.X, 3), c.X);
            Assert.Equal(Math.Round(c.Y, 3), c.Y);
        });

    [Fact]
    public void Projects_DoNotOverlapEachOther()
    {
        var all = fixture.City.Projects.Select(RedLine).ToList();
        for (var a = 0; a < all.Count; a++)
            for (var b = a + 1; b < all.Count; b++)
                Assert.False(all[a].Intersects(all[b]));
    }

    [Fact]
    public void Projects_MeetTheControlLinesAsIntended()
    {
        var projects = fixture.City.Projects;
        Assert.Single(projects, p => Overlaps(RedLine(p))[LayerCodes.EcologicalRedlines] > LayerIndex.Tolerance);
        foreach (var p in projects)
        {
            var shape = RedLine(p);
            var area = shape.Area;
            var o = Overlaps(shape);
            var others = o.Where(kv => kv.Value > LayerIndex.Tolerance).Select(kv => kv.Key).ToHashSet();
            switch (p.Scenario)
            {
                case ProjectScenario.Clean:
                    Assert.Equal(area, o[LayerCodes.UrbanBoundary], 0.01);
                    Assert.Equal([LayerCodes.UrbanBoundary], others);
                    break;
                case ProjectScenario.OverlapsFarmland:
                    Assert.True(o[LayerCodes.Farmland] > 0.1 * area);
                    Assert.Equal([LayerCodes.Farmland], others);
                    Assert.True(p.MajorProjectClass, "only the major-project classes may apply to occupy permanent farmland");
                    break;
                case ProjectScenario.OverlapsEcologicalRedline:
                    Assert.InRange(o[LayerCodes.EcologicalRedlines], 0.1 * area, 0.9 * area);
                    break;
                case ProjectScenario.StraddlesUrbanBoundary:
                    Assert.InRange(o[LayerCodes.UrbanBoundary], 0.2 * area, 0.8 * area);
                    Assert.DoesNotContain(LayerCodes.EcologicalRedlines, others);
                    break;
                case ProjectScenario.OverlapsBlueLine:
                    Assert.True(o[LayerCodes.BlueLine] > 0);
                    Assert.Equal(area, o[LayerCodes.UrbanBoundary], 0.01);
                    Assert.Equal(new[] { LayerCodes.BlueLine, LayerCodes.UrbanBoundary }.Order(), others.Order());
                    break;
            }
        }
        foreach (var scenario in Enum.GetValues<ProjectScenario>())
            Assert.Contains(projects, p => p.Scenario == scenario);
    }
}
