using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Tests.Base;

[Collection(DemoCityCollection.Name)]
public class ZhengzhouDistrictsTests(DemoCityFixture fixture)
{
    /// <summary>郑州市 land area as the city publishes it (郑州市情: 7,567 km²).</summary>
    private const double OfficialAreaKm2 = 7_567;

    [Fact]
    public void Districts_AreZhengzhousTwelveByAdcode()
    {
        // Independent of the loader: read the DataV file here and list the 4101xx counties.
        using var doc = JsonDocument.Parse(File.ReadAllBytes(SharedData.PathOf(SharedData.Locate(), SharedData.CountiesFile)));
        var expected = doc.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("adcode").GetInt32())
            .Where(code => code / 100 == 4101).Select(c => c.ToString()).Order().ToList();
        Assert.Equal(12, expected.Count);
        var actual = fixture.Layer(LayerCodes.Districts).Features.Select(f => (string)f.Attributes["XZQDM"]!).Order().ToList();
        Assert.Equal(expected, actual);
        Assert.Contains(fixture.Layer(LayerCodes.Districts).Features, f => (string?)f.Attributes["XZQMC"] == "登封市");
    }

    [Fact]
    public void Districts_TotalAreaIsWithinFivePercentOfTheOfficialArea()
    {
        var km2 = fixture.Geometries(LayerCodes.Districts).Sum(g => g.Area) / 1e6;
        Assert.InRange(km2, OfficialAreaKm2 * 0.95, OfficialAreaKm2 * 1.05);
    }

    [Fact]
    public void Districts_AreShiftedOutOfGcj02ByHundredsOfMetres()
    {
        // The same district projected without the GCJ-02 correction lies 300–700 m away.
        var raw = LonLatGeoJson.Read(SharedData.PathOf(SharedData.Locate(), SharedData.CountiesFile))
            .Features.Single(f => Convert.ToString(f.Attributes["adcode"]) == "410185");
        var uncorrected = Reprojector.Transform(raw.Geometry, CrsCatalog.Cgcs2000, 4547).Centroid;
        var corrected = fixture.Layer(LayerCodes.Districts).Features.Single(f => (string?)f.Attributes["XZQDM"] == "410185").Geometry.Centroid;
        Assert.InRange(uncorrected.Distance(corrected), 300, 700);
    }

    [Fact]
    public void Districts_RecordWhetherTheyWereRepaired()
    {
        var metadata = fixture.Layer(LayerCodes.Districts).Metadata;
        Assert.True(metadata.ContainsKey("repaired"));
        Assert.Contains("GCJ-02", metadata["transform"]);
    }

    [Fact]
    public void Districts_LieInZone38Eastings()
    {
        var env = fixture.City.Boundary.EnvelopeInternal;
        // Zhengzhou spans about 112.7°E–114.2°E: west of CM 114° by up to ~120 km, a little east of it.
        Assert.InRange(env.MinX, 370_000, 400_000);
        Assert.InRange(env.MaxX, 500_000, 530_000);
        Assert.InRange(env.MinY, 3_780_000, 3_810_000);
        Assert.InRange(env.MaxY, 3_860_000, 3_890_000);
    }

    [Fact]
    public void Repair_MakesAnInvalidPolygonValidAndLeavesValidOnesAlone()
    {
        var factory = GeometryKit.Factory(4547);
        var bowtie = factory.CreatePolygon([new(0, 0), new(10, 10), new(10, 0), new(0, 10), new(0, 0)]);
        Assert.False(bowtie.IsValid);
        var repaired = BoundaryRepair.Repair(bowtie);
        Assert.True(repaired.IsValid);
        Assert.Equal(50, repaired.Area, 6);
        var square = factory.CreatePolygon([new(0, 0), new(10, 0), new(10, 10), new(0, 10), new(0, 0)]);
        Assert.Same(square, BoundaryRepair.Repair(square));
    }
}
