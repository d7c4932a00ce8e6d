using System.Text;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats.RedLineTxt;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;
using static OneBlueprint.Formats.Tests.RedLineTxt.RedLineSamples;
using static OneBlueprint.Formats.Tests.RedLineTxt.RedLineTxtTestKit;

namespace OneBlueprint.Formats.Tests.RedLineTxt;

/// <summary>Writing, checked by reading back and by the naive independent parse of the written text.</summary>
public class RedLineTxtWriterTests
{
    private static readonly RedLineTxtFormat Format = new();

    private static string Decode(byte[] bytes) => new UTF8Encoding(false).GetString(bytes.AsSpan(3));

    [Theory]
    [InlineData(SampleAFile)]
    [InlineData(SampleBFile)]
    public void RoundTrip_KeepsCoordinatesAttributesAndMetadata(string file)
    {
        var original = Format.Read(PathOf(file));

        var again = ReadBytes(Write(original));

        Assert.Equal(original.Srid, again.Srid);
        Assert.Equal(original.Metadata.ToList(), again.Metadata.ToList());
        Assert.Equal(original.Features.Count, again.Features.Count);
        foreach (var (before, after) in original.Features.Zip(again.Features))
        {
            SamePoints(before.Geometry.Coordinates, after.Geometry.Coordinates, 0.001);
            Assert.Equal(before.Id, after.Id);
            // 点数 and 面积 are rewritten from the coordinates; every other field comes back as it was.
            foreach (var (name, value) in before.Attributes)
                if (name is not (RedLineTxtFields.PointCount or RedLineTxtFields.Area))
                    Assert.Equal(value, after.Attributes[name]);
            Assert.Equal((long)before.Geometry.NumPoints, after.Attributes[RedLineTxtFields.PointCount]);
            Assert.InRange(Math.Abs((double)before.Attributes[RedLineTxtFields.Area]! - (double)after.Attributes[RedLineTxtFields.Area]!), 0, 0.001);
        }
        Assert.DoesNotContain(again.Warnings, w => w.Code is RedLineTxtCodes.PointCount or RedLineTxtCodes.DeclaredArea);
    }

    [Fact]
    public void Layout_MatchesTheFormatByIndependentParse()
    {
        var bytes = Write(Format.Read(PathOf(SampleAFile)));
        var text = Decode(bytes);
        var written = Assert.Single(ReferenceParcel.Parse(text));
        var source = Assert.Single(ReferenceParcel.Parse(Text(SampleAFile)));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        Assert.Equal(9, written.HeaderFields.Length);
        Assert.Equal(written.Rows, written.DeclaredPoints);
        Assert.Equal(Math.Round(source.ShoelaceHectares, 4), written.DeclaredHectares);
        Assert.Equal(source.Rings, written.Rings);
        var pointLines = text.Split("\r\n").SkipWhile(l => !l.EndsWith('@')).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal("J1,1,3353189.181,40520986.477", pointLines[0]);
        Assert.Equal("J65,1,3353190.790,40520989.058", pointLines[64]);
        Assert.Equal("J1,1,3353189.181,40520986.477", pointLines[65]);
    }

    [Fact]
    public void Layout_HoleRingsContinueNumberingAndCloseEachRing()
    {
        var factory = GeometryKit.Factory(4547);
        var shell = factory.CreateLinearRing([new(500000, 3800000), new(500100, 3800000), new(500100, 3800100), new(500000, 3800100), new(500000, 3800000)]);
        var hole = factory.CreateLinearRing([new(500040, 3800040), new(500060, 3800040), new(500060, 3800060), new(500040, 3800040)]);
        var set = new FeatureSet { Srid = 4547 };
        set.Features.Add(new GeoFeature(factory.CreatePolygon(shell, [hole])) { Id = "A1" });

        var text = Decode(Write(set));
        var parcel = Assert.Single(ReferenceParcel.Parse(text));

        Assert.Contains("\r\n9,0.9800,A1,,面,,,,@\r\n", text);
        Assert.Contains("J5,2,3800040.000,500040.000\r\nJ6,2,3800040.000,500060.000\r\nJ7,2,3800060.000,500060.000\r\nJ5,2,3800040.000,500040.000\r\n", text);
        Assert.Equal(0.98, parcel.ShoelaceHectares, 9);
        Assert.Contains("带号=38", text);
        Assert.Contains("坐标系=2000国家大地坐标系", text);
    }

    [Fact]
    public void MultiPolygon_EachPartIsItsOwnParcel()
    {
        var factory = GeometryKit.Factory(4526);
        Polygon Square(double x) => factory.CreatePolygon([new(x, 3800000), new(x + 10, 3800000), new(x + 10, 3800010), new(x, 3800010), new(x, 3800000)]);
        var set = new FeatureSet { Srid = 4526 };
        var feature = new GeoFeature(factory.CreateMultiPolygon([Square(38500000), Square(38500100)]));
        feature.Attributes[RedLineTxtFields.ParcelNumber] = "7";
        feature.Attributes[RedLineTxtFields.ParcelName] = "东区,二期";
        set.Features.Add(feature);

        var parcels = ReferenceParcel.Parse(Decode(Write(set)));

        Assert.Equal(["7-1", "7-2"], parcels.Select(p => p.HeaderFields[2]));
        Assert.All(parcels, p => Assert.Equal("东区，二期", p.HeaderFields[3]));
        Assert.All(parcels, p => Assert.Equal(0.01, p.DeclaredHectares));
        var back = ReadBytes(Write(set));
        Assert.Equal(4526, back.Srid);
        Assert.Equal(2, back.Features.Count);
    }

    [Fact]
    public void Crs_KeysFollowTheSridNotStaleMetadata()
    {
        var set = Format.Read(PathOf(SampleAFile));
        set.Srid = CrsCatalog.GaussKrugerSrid(GeodeticDatum.Xian1980, 40, prefixed: true);

        var text = Decode(Write(set));

        Assert.Contains("坐标系=1980西安坐标系\r\n", text);
        Assert.Contains("带号=40\r\n", text);
        Assert.Contains("数据产生单位=浙江华东建设工程有限公司\r\n", text);
        Assert.Contains("精度=3\r\n", text);
    }

    [Fact]
    public void Crs_GeographicSetIsRefusedWithConversionAdvice()
    {
        var set = new FeatureSet { Srid = CrsCatalog.Cgcs2000 };
        set.Features.Add(new GeoFeature(GeometryKit.Factory(4490).CreatePoint(new Coordinate(113.6, 34.7))));

        var exception = Assert.Throws<InputException>(() => Write(set));

        Assert.Equal(RedLineTxtCodes.NotGaussKruger, exception.Problems[0].Code);
        Assert.Contains("--to-crs", exception.Problems[0].HowToFix);
    }

    [Fact]
    public void Encoding_Gb18030OptionWritesGbBytesThatReadBack()
    {
        var original = Format.Read(PathOf(SampleBFile));

        var bytes = Write(original, new RedLineTxtWriteOptions { Encoding = RedLineTxtWriteEncoding.Gb18030 });

        Assert.StartsWith("[属性描述]\r\n", Gb18030.GetString(bytes));
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));
        var back = ReadBytes(bytes);
        Assert.Equal(["地块1", "地块2", "地块3"], back.Features.Select(f => (string?)f.Attributes[RedLineTxtFields.ParcelName]));
    }

    [Fact]
    public void Encoding_Utf8OptionHasNoBom()
    {
        var bytes = Write(Format.Read(PathOf(SampleBFile)), new RedLineTxtWriteOptions { Encoding = RedLineTxtWriteEncoding.Utf8 });

        Assert.Equal((byte)'[', bytes[0]);
    }

    [Fact]
    public void File_WriteAndReadByPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"redline-{Guid.NewGuid():N}.txt");
        try
        {
            var original = Format.Read(PathOf(SampleAFile));
            Format.Write(original, path);
            var again = Format.Read(path);
            Assert.Equal(AreaUnits.ToHectares(original.Features[0].Geometry.Area), AreaUnits.ToHectares(again.Features[0].Geometry.Area), 6);
            Assert.Equal(path, again.Features[0].Source?.File);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Crs_UnprefixedSridWritesSixDigitEastings()
    {
        var factory = GeometryKit.Factory(4547);
        var set = new FeatureSet { Srid = 4547 };
        set.Features.Add(new GeoFeature(factory.CreatePolygon([new(465650, 3846600), new(465750.5, 3846600), new(465750.5, 3846700.25), new(465650, 3846600)])));

        var parcel = Assert.Single(ReferenceParcel.Parse(Decode(Write(set))));

        Assert.Equal((3846600.0, 465650.0), parcel.Rings[0][0]);
        Assert.Equal((3846700.25, 465750.5), parcel.Rings[0][2]);
        Assert.Equal(4547, ReadBytes(Write(set)).Srid);
        Assert.Equal("1", parcel.HeaderFields[2]);
    }
}
