using System.Text;
using OneBlueprint.Formats.Shapefile;

namespace OneBlueprint.Formats.Tests.Shapefile;

/// <summary>
/// The .dbf side on files GDAL wrote (bytes from GDAL's iconv, not from .NET): encodings from .cpg,
/// LDID or detection; value types; deleted records; field types we do not read.
/// </summary>
public class ShapefileDbfTests
{
    private const string Cities = "/work/shared/data/henan-admin/datav_henan_18cities.geojson";

    [Theory]
    [InlineData("GBK")]
    [InlineData("GB2312")]
    [InlineData("GB18030")]
    [InlineData("936")]
    [InlineData("CP936")]
    [InlineData("ANSI 936")]
    [InlineData("gbk\r\n")]
    public void Read_GbkTextWithCpgVariants_DecodesChinese(string cpg)
    {
        using var dir = new TempDirectory();
        var (shp, names) = GdalCities(dir, "CP936");
        File.WriteAllText(Path.ChangeExtension(shp, ".cpg"), cpg);

        var set = new ShapefileFormat().Read(shp);

        Assert.Equal(names, set.Features.Select(f => f.Attributes["name"]));
        Assert.DoesNotContain(set.Warnings, w => w.Code.Contains("cpg") || w.Code.Contains("encoding"));
    }

    [Fact]
    public void Read_GbkTextWithLdid936AndNoCpg_DecodesByLdid()
    {
        using var dir = new TempDirectory();
        var (shp, names) = GdalCities(dir, "CP936");
        File.Delete(Path.ChangeExtension(shp, ".cpg"));
        PatchDbf(shp, 29, 0x4D);

        var set = new ShapefileFormat().Read(shp);

        Assert.Equal(names, set.Features.Select(f => f.Attributes["name"]));
        Assert.Contains("LDID 0x4D", set.Metadata["shapefile.encoding"]);
        Assert.DoesNotContain(set.Warnings, w => w.Code == "shapefile-encoding-guessed");
    }

    [Fact]
    public void Read_Utf8TextWithoutCpgOrLdid_IsDetectedAsUtf8Silently()
    {
        using var dir = new TempDirectory();
        var (shp, names) = GdalCities(dir, "UTF-8");
        File.Delete(Path.ChangeExtension(shp, ".cpg"));

        var set = new ShapefileFormat().Read(shp);

        Assert.Equal(names, set.Features.Select(f => f.Attributes["name"]));
        Assert.Contains("utf-8", set.Metadata["shapefile.encoding"]);
        Assert.DoesNotContain(set.Warnings, w => w.Code == "shapefile-encoding-guessed");
    }

    [Fact]
    public void Read_UnknownCpgName_WarnsAndDetects()
    {
        using var dir = new TempDirectory();
        var (shp, names) = GdalCities(dir, "CP936");
        File.WriteAllText(Path.ChangeExtension(shp, ".cpg"), "NO-SUCH-CODEPAGE");

        var set = new ShapefileFormat().Read(shp);

        Assert.Equal(names, set.Features.Select(f => f.Attributes["name"]));
        Assert.Contains(set.Warnings, w => w.Code == "shapefile-unknown-cpg" && w.What.Contains("NO-SUCH-CODEPAGE"));
    }

    [Fact]
    public void Read_GdalFieldTypes_BecomeLongDoubleDateString()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("t.csv"),
            "WKT,R,I,D,S\n\"POINT (1 2)\",0.1234,9007199254740993,2024/06/01,河南省\n\"POINT (3 4)\",123456.789,-7,,\n");
        File.WriteAllText(dir.File("t.csvt"), "\"String\",\"Real\",\"Integer64\",\"Date\",\"String\"\n");
        GdalTools.Run("ogr2ogr", "-f", "ESRI Shapefile", dir.File("t.shp"), dir.File("t.csv"), "-lco", "ENCODING=UTF-8");

        var set = new ShapefileFormat().Read(dir.File("t.shp"));

        Assert.Equal(new object?[] { "POINT (1 2)", 0.1234, 9007199254740993L, new DateOnly(2024, 6, 1), "河南省" }, set.Features[0].Attributes.Values);
        Assert.Equal(new object?[] { "POINT (3 4)", 123456.789, -7L, null, null }, set.Features[1].Attributes.Values);
    }

    [Fact]
    public void Read_FloatTypeF_IsDouble()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("t.csv"), "WKT,R\n\"POINT (1 2)\",0.1234\n");
        File.WriteAllText(dir.File("t.csvt"), "\"String\",\"Real\"\n");
        GdalTools.Run("ogr2ogr", "-f", "ESRI Shapefile", dir.File("t.shp"), dir.File("t.csv"));
        PatchDbf(dir.File("t.shp"), 32 + 32 + 11, (byte)'F'); // second descriptor's type byte

        var set = new ShapefileFormat().Read(dir.File("t.shp"));

        Assert.Equal(0.1234, set.Features[0].Attributes["R"]);
    }

    [Fact]
    public void Read_DeletedRecord_IsSkippedWithItsShape()
    {
        using var dir = new TempDirectory();
        var (shp, names) = GdalCities(dir, "UTF-8");
        var dbf = File.ReadAllBytes(Path.ChangeExtension(shp, ".dbf"));
        int headerLength = BitConverter.ToUInt16(dbf, 8), recordLength = BitConverter.ToUInt16(dbf, 10);
        dbf[headerLength + 1 * recordLength] = (byte)'*';
        File.WriteAllBytes(Path.ChangeExtension(shp, ".dbf"), dbf);
        var gdal = ShapefileGdalTests.GdalAreas(shp, Path.GetFileNameWithoutExtension(shp), "name"); // GDAL skips it too

        var set = new ShapefileFormat().Read(shp);

        Assert.Equal(names.Where((_, i) => i != 1), set.Features.Select(f => f.Attributes["name"]));
        Assert.Equal(gdal.Select(g => (object?)g.Name), set.Features.Select(f => f.Attributes["name"]));
        Assert.All(gdal.Zip(set.Features), p => Assert.Equal(p.First.Area, p.Second.Geometry.Area, 1e-9 * p.First.Area));
        Assert.Equal(3, set.Features[1].Source?.Record); // record numbers stay those of the file
    }

    [Fact]
    public void Read_MemoField_IsLeftOutWithWarning()
    {
        using var dir = new TempDirectory();
        var (shp, names) = GdalCities(dir, "UTF-8");
        PatchDbf(shp, 32 + 32 * 2 + 11, (byte)'M'); // "level", the third field, becomes a memo field

        var set = new ShapefileFormat().Read(shp);

        Assert.Equal(new[] { "adcode", "name" }, set.Features[0].Attributes.Keys);
        Assert.Equal(names, set.Features.Select(f => f.Attributes["name"]));
        Assert.Contains(set.Warnings, w => w.Code == "shapefile-unsupported-field" && w.What.Contains("level"));
    }

    [Fact]
    public void Write_Gb18030_StoresGb18030BytesWithCpgAndLdid()
    {
        using var dir = new TempDirectory();
        new ShapefileFormat(new ShapefileWriteOptions { Encoding = ShapefileTextEncoding.Gb18030 })
            .Write(ShapefileSamples.Parcels(), dir.File("g.shp"));

        var dbf = File.ReadAllBytes(dir.File("g.dbf"));

        Assert.Equal("GB18030", File.ReadAllText(dir.File("g.cpg")));
        Assert.Equal(0x4D, dbf[29]);
        var expected = ShapefileRoundTripTests.Gb18030().GetBytes(ShapefileSamples.ChineseName);
        Assert.True(dbf.AsSpan().IndexOf(expected) > 0, "the name is stored as GB18030 bytes");
    }

    /// <summary>The 18 cities written by ogr2ogr in <paramref name="encoding"/>, and their names as GDAL reads them.</summary>
    private static (string Shp, List<object?> Names) GdalCities(TempDirectory dir, string encoding)
    {
        GdalTools.Run("ogr2ogr", "-f", "ESRI Shapefile", dir.Path, Cities, "-lco", "ENCODING=" + encoding, "-select", "adcode,name,level");
        var shp = dir.File("datav_henan_18cities.shp");
        var names = OgrInfoOutput.Parse(GdalTools.Run("ogrinfo", "-al", "-q", shp)).Features.Select(f => (object?)f.Values["name"]).ToList();
        Assert.Contains("郑州市", names);
        return (shp, names);
    }

    private static void PatchDbf(string shp, int offset, byte value)
    {
        var dbf = File.ReadAllBytes(Path.ChangeExtension(shp, ".dbf"));
        dbf[offset] = value;
        File.WriteAllBytes(Path.ChangeExtension(shp, ".dbf"), dbf);
    }
}
