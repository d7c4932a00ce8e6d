using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.DemoCity.Synthesis;

namespace OneBlueprint.DemoCity.Tests.Synthesis;

[Collection(DemoCityCollection.Name)]
public class FarmlandTests(DemoCityFixture fixture)
{
    /// <summary>The scale-independent base, built once for the tests that make farmland themselves.</summary>
    private static readonly Lazy<DemoBase> SharedBase = new(() => DemoCityGenerator.BuildBase(SharedData.Locate(), DemoCityFixture.Seed));

    private IReadOnlyList<Geo.Features.GeoFeature> Patches => fixture.Layer(LayerCodes.Farmland).Features;

    [Fact]
    public void Demo_HasAbout20000Patches() => Assert.InRange(Patches.Count, 18_000, 23_000);

    [Fact]
    public void Patches_DoNotOverlapEachOther()
    {
        var tree = new STRtree<int>();
        for (var i = 0; i < Patches.Count; i++) tree.Insert(Patches[i].Geometry.EnvelopeInternal, i);
        tree.Build();
        // Every third patch against all its neighbours: ~7,000 patches, every neighbour pair in the sample.
        for (var i = 0; i < Patches.Count; i += 3)
        {
            var g = Patches[i].Geometry;
            foreach (var j in tree.Query(g.EnvelopeInternal))
            {
                if (j == i || !g.Intersects(Patches[j].Geometry)) continue;
                var area = g.Intersection(Patches[j].Geometry).Area;
                Assert.True(area < LayerIndex.Tolerance, $"{Patches[i].Id} and {Patches[j].Id} overlap by {area} m²");
            }
        }
    }

    [Fact]
    public void Patches_HaveSixToThirtyVertices() =>
        Assert.All(Patches, f =>
        {
            var p = Assert.IsType<Polygon>(f.Geometry);
            Assert.InRange(p.NumPoints - 1, 6, 30);
        });

    [Fact]
    public void Patches_CarryRealisticAttributes()
    {
        var names = new Dictionary<string, string> { ["0101"] = "水田", ["0102"] = "水浇地", ["0103"] = "旱地" };
        var districts = fixture.Layer(LayerCodes.Districts).Features.Select(f => (string)f.Attributes["XZQDM"]!).ToHashSet();
        var dkbh = new HashSet<string>();
        var withDeduction = 0;
        foreach (var f in Patches)
        {
            Assert.Equal(["BSM", "DKBH", "DLBM", "DLMC", "ZLDWDM", "ZLDWMC", "XZQDM", "TBMJ", "KCXS", "JBNTLX", "SJLY"], f.Attributes.Keys);
            var dlbm = (string)f.Attributes["DLBM"]!;
            Assert.Equal(names[dlbm], f.Attributes["DLMC"]);
            var xzqdm = (string)f.Attributes["XZQDM"]!;
            Assert.Contains(xzqdm, districts);
            var zldwdm = (string)f.Attributes["ZLDWDM"]!;
            Assert.Matches("^[0-9]{19}$", zldwdm);
            Assert.StartsWith(xzqdm, zldwdm);
            Assert.EndsWith("村", (string)f.Attributes["ZLDWMC"]!);
            Assert.True(dkbh.Add((string)f.Attributes["DKBH"]!), $"DKBH {f.Attributes["DKBH"]} repeats");
            Assert.Equal(f.Geometry.Area, (double)f.Attributes["TBMJ"]!, 0.01);
            if (f.Attributes["KCXS"] is double k) { withDeduction++; Assert.InRange(k, 0.05, 0.15); }
            else Assert.Null(f.Attributes["KCXS"]);
        }
        Assert.InRange(withDeduction, Patches.Count / 20, Patches.Count * 3 / 4);
        foreach (var code in names.Keys) Assert.Contains(Patches, f => (string)f.Attributes["DLBM"]! == code);
    }

    [Fact]
    public void Patches_LieInTheCityAndOutsideTheControlLinesExceptTheDocumentedConflicts()
    {
        var metadata = fixture.Layer(LayerCodes.Farmland).Metadata;
        var city = new LayerIndex([fixture.City.Boundary]);
        var others = new[] { LayerCodes.BlueLine, LayerCodes.GreenLine, LayerCodes.PurpleLine, LayerCodes.YellowLine }
            .Select(c => (c, new LayerIndex(fixture.Geometries(c)))).ToList();
        var redlines = new LayerIndex(fixture.Geometries(LayerCodes.EcologicalRedlines));
        var urban = new LayerIndex(fixture.Geometries(LayerCodes.UrbanBoundary));
        var overRedlines = new List<string>();
        var overUrban = new List<string>();
        foreach (var f in Patches)
        {
            Assert.True(f.Geometry.Area - city.OverlapArea(f.Geometry) < 1, $"{f.Id} reaches outside the city");
            foreach (var (code, index) in others) Assert.False(index.Overlaps(f.Geometry), $"{f.Id} overlaps {code}");
            if (redlines.Overlaps(f.Geometry)) overRedlines.Add((string)f.Attributes["DKBH"]!);
            if (urban.Overlaps(f.Geometry)) overUrban.Add((string)f.Attributes["DKBH"]!);
        }
        Assert.Equal(Farmland.EcologicalConflicts, overRedlines.Count);
        Assert.Equal(Farmland.UrbanConflicts, overUrban.Count);
        Assert.Equal(overRedlines.Count.ToString(), metadata["conflicts.STBHHX"]);
        Assert.Equal(overRedlines.Order(), metadata["conflicts.STBHHX.DKBH"].Split(',').Order());
        Assert.Equal(overUrban.Order(), metadata["conflicts.CZKFBJ.DKBH"].Split(',').Order());
    }

    [Fact]
    public void Patches_LeaveGapsForRoadsAndVillages()
    {
        // The farmland coverage never fills its own convex area: roads and village sites stay empty.
        var union = fixture.City.Boundary.Factory.CreateGeometryCollection(Patches.Take(3_000).Select(f => f.Geometry).ToArray()).Union();
        var holesAndGaps = union.ConvexHull().Area - union.Area;
        Assert.True(holesAndGaps > 0.05 * union.Area);
    }

    [Fact]
    public void CityScale_HasAtLeast200000ValidPatches()
    {
        var layout = SharedBase.Value.CreateFarmlandLayout(Farmland.TargetFor(DemoScale.City));
        var farmland = Farmland.Build(layout, null, CancellationToken.None);
        Assert.True(farmland.Features.Count >= 200_000, $"only {farmland.Features.Count} patches");
        for (var i = 0; i < farmland.Features.Count; i += 97)
            Assert.True(farmland.Features[i].Geometry.IsValid, $"{farmland.Features[i].Id} is not valid");
        // Same conflicts at every scale.
        Assert.Equal(Farmland.EcologicalConflicts.ToString(), farmland.Metadata["conflicts.STBHHX"]);
    }

    [Fact]
    public void Tiles_AreTheSameWhenMadeAlone()
    {
        var layout = SharedBase.Value.CreateFarmlandLayout(Farmland.TargetFor(DemoScale.Demo));
        var tile = Enumerable.Range(0, layout.TileCount).First(t => layout.GenerateTile(t).Count > 200);
        var alone = layout.GenerateTile(tile);
        var again = layout.GenerateTile(tile);
        Assert.Equal(alone.Select(d => d.Shape.ToText()), again.Select(d => d.Shape.ToText()));
        // And each patch of that tile is in the full layer, with its exact shape.
        var full = Patches.Select(f => f.Geometry.ToText()).ToHashSet();
        Assert.True(alone.Count(d => full.Contains(d.Shape.ToText())) >= alone.Count - Farmland.EcologicalConflicts - Farmland.UrbanConflicts);
    }
}
