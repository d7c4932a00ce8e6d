using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.OverlayNG;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.DemoCity.Synthesis;
using OneBlueprint.Geo.Features;
using Xunit.Abstractions;

namespace OneBlueprint.DemoCity.Tests.Synthesis;

/// <summary>
/// The two demo plans (土地利用总体规划 TDGH, 城市总体规划 CSGH): each a valid coverage of the same extent, reproducible,
/// and disagreeing in both directions of the 建设/非建设 conflict. Checked with the tests' own overlays and a
/// classification written here from the standards (土规 2xx = 建设用地; 城规 E1/E2/E9 = 非建设用地, the rest 建设用地),
/// not with the generator's bookkeeping.
/// </summary>
[Collection(DemoCityCollection.Name)]
public class LandUsePlansTests(DemoCityFixture fixture, ITestOutputHelper output)
{
    private FeatureSet Tdgh => fixture.Layer(LayerCodes.LandUsePlan);
    private FeatureSet Csgh => fixture.Layer(LayerCodes.CityMasterPlan);

    private static bool TdghBuilds(GeoFeature f) => ((string)f.Attributes[LandUsePlans.TdghField]!).StartsWith('2');
    private static bool CsghBuilds(GeoFeature f) => !((string)f.Attributes[LandUsePlans.CsghField]!).StartsWith('E');

    [Fact]
    public void Plans_AreLayersOfTheCity_ButNotControlLayers()
    {
        Assert.Contains(LayerCodes.LandUsePlan, fixture.City.Layers.Keys);
        Assert.Contains(LayerCodes.CityMasterPlan, fixture.City.Layers.Keys);
        Assert.DoesNotContain(LayerCodes.LandUsePlan, LayerCodes.ControlLayers);
        Assert.DoesNotContain(LayerCodes.CityMasterPlan, LayerCodes.ControlLayers);
        Assert.Equal("true", Tdgh.Metadata[Provenance.SyntheticKey]);
        Assert.Equal("true", Csgh.Metadata[Provenance.SyntheticKey]);
    }

    [Fact]
    public void Demo_HasAFewThousandPolygonsPerPlan()
    {
        Assert.InRange(Tdgh.Features.Count, 2_000, 8_000);
        Assert.InRange(Csgh.Features.Count, 2_000, 8_000);
        Assert.All(Tdgh.Features.Concat(Csgh.Features), f => Assert.IsType<Polygon>(f.Geometry));
    }

    [Theory]
    [InlineData(LayerCodes.LandUsePlan)]
    [InlineData(LayerCodes.CityMasterPlan)]
    public void Plan_IsAValidCoverageOfThePlanDistricts(string code)
    {
        var shapes = fixture.Geometries(code).ToList();
        Assert.All(shapes, s => Assert.True(s.IsValid, $"invalid polygon {s}"));

        // No two polygons share area (exactly: both sides of every cut are on the same 1 mm nodes).
        var tree = new STRtree<int>();
        for (var i = 0; i < shapes.Count; i++) tree.Insert(shapes[i].EnvelopeInternal, i);
        tree.Build();
        var overlap = 0.0;
        for (var i = 0; i < shapes.Count; i++)
            foreach (var j in tree.Query(shapes[i].EnvelopeInternal))
                if (j > i && shapes[i].Intersects(shapes[j]))
                    overlap += OverlayNGRobust.Overlay(shapes[i], shapes[j], NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection).Area;
        Assert.Equal(0, overlap, 6);

        // No gaps: the polygons add up to the plan districts, and their union has no hole.
        var extent = fixture.Layer(LayerCodes.Districts).Features
            .Where(f => LandUsePlans.PlanDistricts.Contains((string)f.Attributes["XZQDM"]!)).Select(f => f.Geometry).ToList();
        var extentArea = OverlayNGRobust.Union(extent[0].Factory.BuildGeometry(extent)).Area;
        var union = OverlayNGRobust.Union(shapes[0].Factory.BuildGeometry(shapes));
        Assert.Equal(1.0, shapes.Sum(s => s.Area) / extentArea, 9);
        Assert.Equal(1.0, union.Area / extentArea, 9);
        Assert.All(GeometryParts.Polygons(union), p => Assert.Equal(0, p.NumInteriorRings));

        // Shared edges have the same vertices on both sides: edge matching alone (no noding) rebuilds the union.
        var matched = CoverageUnion.Union(shapes[0].Factory.BuildGeometry(shapes));
        Assert.True(matched.IsValid, "coverage union by edge matching is invalid: some shared edge has vertices on one side only");
        Assert.Equal(union.Area, matched.Area, 3);
    }

    [Fact]
    public void Plans_UseTheStandardsCodesWithTheirNames()
    {
        var tdgh = new HashSet<string> { "111", "112", "113", "120", "130", "211", "212", "213", "214", "311", "312", "320" };
        var csgh = new HashSet<string> { "R", "A", "B", "M", "W", "S", "U", "G", "H14", "H5", "H9", "E1", "E2", "E9" };
        Assert.All(Tdgh.Features, f => Assert.Contains((string)f.Attributes[LandUsePlans.TdghField]!, tdgh));
        Assert.All(Csgh.Features, f => Assert.Contains((string)f.Attributes[LandUsePlans.CsghField]!, csgh));
        Assert.All(Tdgh.Features, f => Assert.Equal(LandUseCodes.Tdgh[(string)f.Attributes[LandUsePlans.TdghField]!], f.Attributes[LandUsePlans.TdghNameField]));
        Assert.All(Csgh.Features, f => Assert.Equal(LandUseCodes.Csgh[(string)f.Attributes[LandUsePlans.CsghField]!], f.Attributes[LandUsePlans.CsghNameField]));
        // Every use the standards give these places shows up: 耕地, villages, urban land; urban uses of every kind.
        foreach (var code in new[] { "111", "112", "113", "130", "211", "212" })
            Assert.Contains(Tdgh.Features, f => (string)f.Attributes[LandUsePlans.TdghField]! == code);
        foreach (var code in new[] { "R", "A", "B", "M", "W", "S", "U", "G", "H14", "E1", "E2" })
            Assert.Contains(Csgh.Features, f => (string)f.Attributes[LandUsePlans.CsghField]! == code);
    }

    [Fact]
    public void Plans_MostlyAgree_AndDisagreeInBothDirections()
    {
        var tree = new STRtree<GeoFeature>();
        foreach (var f in Csgh.Features) tree.Insert(f.Geometry.EnvelopeInternal, f);
        tree.Build();
        double agree = 0, urbanOnly = 0, landUseOnly = 0;
        var urbanOnlyPatches = new List<Geometry>();
        foreach (var a in Tdgh.Features)
            foreach (var b in tree.Query(a.Geometry.EnvelopeInternal))
            {
                if (!a.Geometry.Intersects(b.Geometry)) continue;
                var shared = OverlayNGRobust.Overlay(a.Geometry, b.Geometry, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection);
                if (shared.Area == 0) continue;
                var (ta, cb) = (TdghBuilds(a), CsghBuilds(b));
                if (ta == cb) agree += shared.Area;
                else if (cb) { urbanOnly += shared.Area; urbanOnlyPatches.Add(shared); }
                else landUseOnly += shared.Area;
            }
        var total = agree + urbanOnly + landUseOnly;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"agree {agree / total:P1}; 城规建设土规非建设 {urbanOnly / 1e4:N1} ha; 土规建设城规非建设 {landUseOnly / 1e4:N1} ha"));

        Assert.True(agree / total > 0.9, $"the plans agree on only {agree / total:P1} of the area");
        Assert.True(urbanOnly > 500 * 1e4, $"城规建设土规非建设 only {urbanOnly / 1e4:N1} ha");
        Assert.True(landUseOnly > 500 * 1e4, $"土规建设城规非建设 only {landUseOnly / 1e4:N1} ha");
        // The generator's own note agrees with this count of area.
        Assert.Equal(urbanOnly / 1e4, Hectares(Csgh.Metadata[LandUsePlans.UrbanOnlyKey]), 0.1);
        Assert.Equal(landUseOnly / 1e4, Hectares(Csgh.Metadata[LandUsePlans.LandUseOnlyKey]), 0.1);

        // 城规's expansion lies outside the urban development boundary, but near it: within the reach plus one cell.
        var urban = fixture.Geometries(LayerCodes.UrbanBoundary).ToList();
        var boundary = OverlayNGRobust.Union(urban[0].Factory.BuildGeometry(urban));
        var reach = LandUsePlans.ExpansionReach + LandUsePlans.CellSizeFor(DemoScale.Demo) * 1.5;
        Assert.All(urbanOnlyPatches, p => Assert.True(p.Distance(boundary) < reach, $"expansion {p.Distance(boundary):0} m from the boundary"));
    }

    private static double Hectares(string note) => double.Parse(note.Split(' ')[1], CultureInfo.InvariantCulture);

    [Fact]
    public void Plans_AreTheSameForTheSameSeed_AndDifferForAnother()
    {
        var layers = fixture.City.Layers;
        var districts = new DistrictLocator(fixture.Layer(LayerCodes.Districts).Features
            .Select(f => ((string)f.Attributes["XZQDM"]!, (string)f.Attributes["XZQMC"]!, f.Geometry)));
        var again = LandUsePlans.Build(layers, districts, DemoScale.Demo, DemoCityFixture.Seed);
        var other = LandUsePlans.Build(layers, districts, DemoScale.Demo, DemoCityFixture.Seed + 1);

        // Features only: the generator adds scale/seed/crs metadata to every layer afterwards.
        static string Print(FeatureSet set)
        {
            var features = new FeatureSet { Srid = set.Srid, Name = set.Name };
            features.Features.AddRange(set.Features);
            return DemoCityFixture.Fingerprint(new Dictionary<string, FeatureSet> { ["plan"] = features }, []);
        }
        Assert.Equal(Print(Tdgh), Print(again.LandUsePlan));
        Assert.Equal(Print(Csgh), Print(again.CityPlan));
        Assert.NotEqual(Print(Tdgh), Print(other.LandUsePlan));
        Assert.NotEqual(Print(Csgh), Print(other.CityPlan));
    }
}
