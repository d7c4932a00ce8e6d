using System.Text.RegularExpressions;
using OneBlueprint.Formats.Shapefile.Prj;
using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Formats.Tests.Shapefile;

/// <summary>.prj texts against PROJ (projinfo) and GDAL (gdalsrsinfo): what we write is what PROJ writes, GDAL maps it back to the code, and we recognise what PROJ writes.</summary>
public class EsriPrjTests
{
    /// <summary>Geographic systems, Web Mercator, every CGCS2000 3° GK code, and edge and Henan zones of Xian 1980 and Beijing 1954.</summary>
    public static TheoryData<int> Codes()
    {
        var codes = new TheoryData<int> { 4490, 4326, 3857, 4610, 4214 };
        foreach (var prefixed in new[] { true, false })
        {
            for (var zone = CrsCatalog.FirstZone; zone <= CrsCatalog.LastZone; zone++)
                codes.Add(CrsCatalog.GaussKrugerSrid(GeodeticDatum.Cgcs2000, zone, prefixed));
            foreach (var datum in new[] { GeodeticDatum.Xian1980, GeodeticDatum.Beijing1954 })
            foreach (var zone in new[] { 25, 37, 38, 39, 45 })
                codes.Add(CrsCatalog.GaussKrugerSrid(datum, zone, prefixed));
        }
        return codes;
    }

    /// <summary>The codes the brief names, plus neighbours, for the slower GDAL round trip.</summary>
    public static TheoryData<int> GdalCodes => new() { 4490, 4326, 3857, 4610, 4214, 4547, 4526, 4525, 4527, 4546, 4548, 4513, 4554, 2383, 2362, 2414, 2435 };

    [Theory]
    [MemberData(nameof(Codes))]
    public void Writer_WritesWhatProjWritesAsEsriWkt(int code)
    {
        var proj = GdalTools.Run("projinfo", $"EPSG:{code}", "-o", "WKT1_ESRI", "--single-line", "-q").Trim();

        Assert.Equal(proj, EsriPrjWriter.ToEsriWkt(code));
    }

    [Theory]
    [MemberData(nameof(GdalCodes))]
    public void Writer_PrjIsIdentifiedByGdalAsTheSameCode(int code)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("x.prj"), EsriPrjWriter.ToEsriWkt(code));

        var gdal = GdalTools.Run("gdalsrsinfo", "-e", dir.File("x.prj"));

        Assert.Contains($"EPSG:{code}", gdal.Split('\n').Select(l => l.Trim()));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Reader_IdentifiesProjEsriWkt(int code)
    {
        var esri = GdalTools.Run("projinfo", $"EPSG:{code}", "-o", "WKT1_ESRI", "--single-line", "-q");

        Assert.Equal(code, EsriPrjReader.Identify(esri).Srid);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Reader_IdentifiesOgcWkt1AndWkt2WithoutAuthorities(int code)
    {
        var wkt1 = GdalTools.Run("projinfo", $"EPSG:{code}", "-o", "WKT1_GDAL", "--single-line", "-q");
        var wkt2 = GdalTools.Run("projinfo", $"EPSG:{code}", "-o", "WKT2_2019", "--single-line", "-q");

        // With the authorities the answer is trivial; without them parameters and names must do.
        Assert.DoesNotContain("EPSG", StripIds(wkt1) + StripIds(wkt2));
        Assert.Equal(code, EsriPrjReader.Identify(wkt1).Srid);
        Assert.Equal(code, EsriPrjReader.Identify(StripIds(wkt1)).Srid);
        Assert.Equal(code, EsriPrjReader.Identify(StripIds(wkt2)).Srid);
    }

    [Theory]
    [InlineData(4547)]
    [InlineData(4526)]
    [InlineData(2383)]
    [InlineData(2414)]
    public void Reader_IdentifiesGaussKrugerByEsriNameAlone(int code)
    {
        var esri = GdalTools.Run("projinfo", $"EPSG:{code}", "-o", "WKT1_ESRI", "--single-line", "-q");
        var withoutParameters = Regex.Replace(esri, @",PARAMETER\[[^\]]*\]", "");

        Assert.Equal(code, EsriPrjReader.Identify(withoutParameters).Srid);
    }

    [Theory]
    [InlineData("PROJCS[\"WGS_1984_UTM_Zone_50N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",117.0],PARAMETER[\"Scale_Factor\",0.9996],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]")]
    [InlineData("PROJCS[\"CGCS2000_GK_Zone_19\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",19500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",111.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]")]
    [InlineData("GEOGCS[\"GCS_North_American_1927\",DATUM[\"D_North_American_1927\",SPHEROID[\"Clarke_1866\",6378206.4,294.9786982]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]")]
    [InlineData("this is not WKT")]
    [InlineData("PROJCS[\"unterminated\",GEOGCS[")]
    [InlineData("")]
    public void Reader_ReturnsNoCodeForSystemsItDoesNotKnow(string wkt)
    {
        Assert.Null(EsriPrjReader.Identify(wkt).Srid);
    }

    [Fact]
    public void Reader_DatumUnknownButEllipsoidCgcs2000_IsFlagged()
    {
        const string wkt = "GEOGCS[\"Custom\",DATUM[\"D_Custom\",SPHEROID[\"GRS80ish\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

        var identity = EsriPrjReader.Identify(wkt);

        Assert.Equal(4490, identity.Srid);
        Assert.True(identity.ByEllipsoidOnly);
    }

    private static string StripIds(string wkt) => Regex.Replace(wkt, @",\s*(AUTHORITY|ID)\[""EPSG"",\s*""?\d+""?\]", "");
}
