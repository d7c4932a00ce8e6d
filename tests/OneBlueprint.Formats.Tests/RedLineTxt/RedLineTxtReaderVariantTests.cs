using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats.RedLineTxt;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;
using static OneBlueprint.Formats.Tests.RedLineTxt.RedLineSamples;
using static OneBlueprint.Formats.Tests.RedLineTxt.RedLineTxtTestKit;

namespace OneBlueprint.Formats.Tests.RedLineTxt;

/// <summary>Variants of the real samples that real files show; each must read to the same geometry.</summary>
public class RedLineTxtReaderVariantTests
{
    private static readonly string SampleA = Text(SampleAFile);
    private static readonly string SampleB = Text(SampleBFile);
    private static readonly Polygon ExpectedA = OnlyPolygon(Read(SampleA));

    private static void SameAsSampleA(Geometry actual, double dx = 0) =>
        // Subtracting the prefix in the test's own arithmetic leaves ~1e-9 m of floating-point noise.
        SamePoints(ExpectedA.Coordinates, Assert.IsType<Polygon>(actual).Coordinates, dx == 0 ? 0 : 1e-6, dx);

    [Fact]
    public void Encoding_Gb18030BytesReadLikeUtf8()
    {
        var set = ReadBytes(Gb18030.GetBytes(SampleA));

        SameAsSampleA(set.Features[0].Geometry);
        Assert.Equal("彭埠单元B/R-14地块", set.Features[0].Attributes[RedLineTxtFields.ParcelName]);
        Assert.Equal("浙江华东建设工程有限公司", set.Metadata["属性描述.数据产生单位"]);
    }

    [Fact]
    public void Encoding_Utf8WithBomReads()
    {
        var set = ReadBytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(SampleA)]);

        SameAsSampleA(set.Features[0].Geometry);
        Assert.Equal("1.01版本", set.Metadata["属性描述.格式版本号"]);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void LineEndings_CrlfAndCrReadLikeLf(string newLine)
    {
        var set = Read(SampleB.Replace("\n", newLine));
        var expected = Read(SampleB);

        Assert.Equal(3, set.Features.Count);
        for (var i = 0; i < 3; i++) SamePoints(expected.Features[i].Geometry.Coordinates, set.Features[i].Geometry.Coordinates, 0);
        Assert.Equal(expected.Warnings.Select(w => w.Where!.Line), set.Warnings.Select(w => w.Where!.Line));
    }

    [Fact]
    public void ProjectSection_IsKeptAsMetadata()
    {
        var set = Read("[项目信息]\n项目名称=彭埠单元道路工程\n项目代码=2019-330104-48-01-000001\n" + SampleA);

        SameAsSampleA(set.Features[0].Geometry);
        Assert.Equal("彭埠单元道路工程", set.Metadata["项目信息.项目名称"]);
        Assert.Equal("2019-330104-48-01-000001", set.Metadata["项目信息.项目代码"]);
        Assert.Equal(16, set.Features[0].Source?.Line);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void ZonePrefix_StrippedEastingsGiveTheUnprefixedSystem()
    {
        var stripped = Join(Lines(SampleAFile).Select(line =>
        {
            var f = line.Split(',');
            if (f.Length != 4) return line;
            var east = double.Parse(f[3], CultureInfo.InvariantCulture) - 40_000_000;
            return $"{f[0]},{f[1]},{f[2]},{east.ToString("0.000", CultureInfo.InvariantCulture)}";
        }));

        var set = Read(stripped);

        Assert.Equal("CGCS2000 / 3-degree Gauss-Kruger CM 120E", ProjName(set.Srid!.Value));
        SameAsSampleA(set.Features[0].Geometry, dx: -40_000_000);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void ZonePrefix_SuppliesTheZoneWhenDeclarationIsMissing()
    {
        var set = Read(SampleA.Replace("带号=40\n", ""));

        Assert.Equal(CrsCatalog.GaussKrugerSrid(GeodeticDatum.Cgcs2000, 40, prefixed: true), set.Srid);
        Assert.Equal("CGCS2000 / 3-degree Gauss-Kruger zone 40", ProjName(set.Srid!.Value));
    }

    [Fact]
    public void ClosingPoint_MissingIsClosedWithoutWarning()
    {
        var lines = Lines(SampleAFile);
        var set = Read(Join(lines[..^1]));

        SameAsSampleA(set.Features[0].Geometry);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void Header_TwelveFieldsKeepsExtrasByPosition()
    {
        var set = Read(SampleA.Replace("66,5.7089,1,彭埠单元B/R-14地块,面,,,,@", "66,5.7089,1,彭埠单元B/R-14地块,面,H51G001001,道路用地,1001,甲,,丙,@"));

        var feature = Assert.Single(set.Features);
        SameAsSampleA(feature.Geometry);
        Assert.Equal(
            ["界址点数", "地块面积", "地块编号", "地块名称", "图形属性", "图幅号", "地块用途", "地类编码", "字段9", "字段10", "字段11"],
            feature.Attributes.Keys);
        Assert.Equal("道路用地", feature.Attributes[RedLineTxtFields.LandUse]);
        Assert.Equal("甲", feature.Attributes["字段9"]);
        Assert.Null(feature.Attributes["字段10"]);
        Assert.Equal("丙", feature.Attributes["字段11"]);
    }

    [Fact]
    public void Header_MissingTerminatorReadsWithWarning()
    {
        var set = Read(SampleA.Replace("面,,,,@", "面,,,"));

        SameAsSampleA(set.Features[0].Geometry);
        var warning = Assert.Single(set.Warnings);
        Assert.Equal((RedLineTxtCodes.HeaderWithoutTerminator, 13), (warning.Code, warning.Where!.Line));
    }

    [Fact]
    public void Header_EmptyShapeTypeIsAPolygon()
    {
        var set = Read(SampleA.Replace("面,,,,@", ",,,,@"));

        SameAsSampleA(set.Features[0].Geometry);
        Assert.Null(set.Features[0].Attributes[RedLineTxtFields.ShapeType]);
    }

    [Fact]
    public void HoleRing_BecomesAnInteriorRingNumberedOn()
    {
        // A 10 m × 10 m 扣除区 in the middle of sample A; point names continue from J66.
        const string hole = "J66,2,3353225.000,40520835.000\nJ67,2,3353225.000,40520845.000\nJ68,2,3353235.000,40520845.000\nJ69,2,3353235.000,40520835.000\nJ66,2,3353225.000,40520835.000\n";
        var text = SampleA.Replace("66,5.7089,", "71,5.7089,") + hole;
        var reference = Assert.Single(ReferenceParcel.Parse(text));

        var set = Read(text);

        var polygon = OnlyPolygon(set);
        SamePoints(ExpectedA.ExteriorRing.Coordinates, polygon.ExteriorRing.Coordinates, 0);
        var interior = Assert.Single(polygon.InteriorRings);
        SamePoints(reference.Rings[1].Append(reference.Rings[1][0]).Select(p => new Coordinate(p.East, p.North)).ToList(), interior.Coordinates, 0);
        Assert.True(polygon.IsValid);
        Assert.Equal(reference.ShoelaceHectares, AreaUnits.ToHectares(polygon.Area), 9);
        // The declared 5.7089 ha ignores the 0.01 ha hole, which is beyond the 0.001 ha tolerance.
        var warning = Assert.Single(set.Warnings);
        Assert.Equal(RedLineTxtCodes.DeclaredArea, warning.Code);
        Assert.Contains("5.7089", warning.What);
        Assert.Contains(reference.ShoelaceHectares.ToString("0.0000", CultureInfo.InvariantCulture), warning.What);
    }

    [Fact]
    public void DeclaredArea_ToleranceIsConfigurable()
    {
        var text = SampleA.Replace("66,5.7089,", "66,5.7000,");
        var shoelace = Assert.Single(ReferenceParcel.Parse(text)).ShoelaceHectares.ToString("0.0000", CultureInfo.InvariantCulture);

        Assert.Contains(Read(text).Warnings, w => w.Code == RedLineTxtCodes.DeclaredArea && w.What.Contains("面积 5.7000 ha") && w.What.Contains($"{shoelace} ha"));
        Assert.Empty(Read(text, options: new RedLineTxtReadOptions { DeclaredAreaToleranceHectares = 0.01 }).Warnings);
    }

    [Theory]
    [InlineData("80西安坐标系", "Xian 1980 / 3-degree Gauss-Kruger zone 40")]
    [InlineData("西安80", "Xian 1980 / 3-degree Gauss-Kruger zone 40")]
    [InlineData("1980西安坐标系", "Xian 1980 / 3-degree Gauss-Kruger zone 40")]
    [InlineData("54北京坐标系", "Beijing 1954 / 3-degree Gauss-Kruger zone 40")]
    [InlineData("北京54", "Beijing 1954 / 3-degree Gauss-Kruger zone 40")]
    [InlineData("CGCS2000", "CGCS2000 / 3-degree Gauss-Kruger zone 40")]
    public void Datum_NamesMapToTheirSystems(string declared, string projName)
    {
        var set = Read(SampleA.Replace("坐标系=2000国家大地坐标系", $"坐标系={declared}"));

        Assert.Equal(projName, ProjName(set.Srid!.Value));
    }

    [Fact]
    public void Datum_MissingLeavesSridUnknownWithWarning()
    {
        var set = Read(SampleA.Replace("坐标系=2000国家大地坐标系\n", ""));

        Assert.Null(set.Srid);
        Assert.Contains(set.Warnings, w => w.Code == RedLineTxtCodes.CrsUndeclared);
        SameAsSampleA(set.Features[0].Geometry);
    }

    [Fact]
    public void ShapeType_PointAndLineParcelsGiveThoseGeometries()
    {
        var text = SampleB.Replace("34,0.7493,1,地块1,,,,,@", "5,0,1,地块1,线,,,,@").Replace("21,0.0566,1,地块2,,,,,@", "5,0,2,地块2,点,,,,@");

        var set = Read(text);

        Assert.Equal(5, Assert.IsType<LineString>(set.Features[0].Geometry).NumPoints);
        Assert.Equal(5, Assert.IsType<MultiPoint>(set.Features[1].Geometry).NumGeometries);
        Assert.IsType<Polygon>(set.Features[2].Geometry);
    }
}
