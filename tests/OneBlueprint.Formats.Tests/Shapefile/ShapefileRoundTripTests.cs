using System.Text;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats.Shapefile;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.Tests.Shapefile;

/// <summary>Write → read through our own reader: coordinates bit for bit, attribute values and types, names and SRID.</summary>
public class ShapefileRoundTripTests
{
    public static TheoryData<ShapefileTextEncoding> Encodings => new() { ShapefileTextEncoding.Utf8, ShapefileTextEncoding.Gb18030 };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void RoundTrip_PolygonsWithHolesAndMultiPolygons_KeepCoordinatesAndAttributesExactly(ShapefileTextEncoding encoding)
    {
        using var dir = new TempDirectory();
        var original = ShapefileSamples.Parcels();
        var path = dir.File("parcels.shp");
        new ShapefileFormat(new ShapefileWriteOptions { Encoding = encoding }).Write(original, path);

        var read = new ShapefileFormat().Read(path);

        Assert.Equal(4526, read.Srid);
        Assert.Equal("parcels", read.Name);
        Assert.Equal(original.Features.Count, read.Features.Count);
        for (var i = 0; i < original.Features.Count; i++)
        {
            var expected = original.Features[i];
            var actual = read.Features[i];
            // Orientation is rewritten (shells clockwise), so compare normalised forms, with zero tolerance.
            Assert.True(expected.Geometry.Normalized().EqualsExact(actual.Geometry.Normalized()),
                $"feature {i}: {expected.Geometry} != {actual.Geometry}");
            Assert.Equal(expected.Geometry.GeometryType, actual.Geometry.GeometryType);
            Assert.Equal(4526, actual.Geometry.SRID);
            Assert.Equal(expected.Attributes.Keys, actual.Attributes.Keys);
            foreach (var (name, value) in expected.Attributes)
            {
                Assert.Equal(value, actual.Attributes[name]);
                Assert.Equal(value?.GetType(), actual.Attributes[name]?.GetType());
            }
            Assert.Equal(i + 1, actual.Source?.Record);
        }
        Assert.DoesNotContain(read.Warnings, w => w.Severity == ProblemSeverity.Error);
    }

    [Theory]
    [InlineData(0.1234)]
    [InlineData(123456.789)]
    [InlineData(0.30000000000000004)]
    [InlineData(-1e-7)]
    [InlineData(1e20)]
    [InlineData(38465650.123456789)]
    [InlineData(double.Epsilon)]
    [InlineData(-1.7976931348623157e308)]
    [InlineData(5.0)]
    public void RoundTrip_Doubles_ReadBackExactlyAndStayDoubles(double value)
    {
        using var dir = new TempDirectory();
        var set = PointsWith("V", value, 0.1234, 123456.789);
        new ShapefileFormat().Write(set, dir.File("d.shp"));

        var read = new ShapefileFormat().Read(dir.File("d.shp"));

        Assert.Equal(new object[] { value, 0.1234, 123456.789 }, read.Features.Select(f => f.Attributes["V"]!));
    }

    [Fact]
    public void RoundTrip_Integers_KeepLongRangeAndSign()
    {
        using var dir = new TempDirectory();
        var set = PointsWith("N", long.MinValue, long.MaxValue, 0L, -5L, 42);
        new ShapefileFormat().Write(set, dir.File("n.shp"));

        var read = new ShapefileFormat().Read(dir.File("n.shp"));

        Assert.Equal(new object[] { long.MinValue, long.MaxValue, 0L, -5L, 42L }, read.Features.Select(f => f.Attributes["N"]!));
    }

    [Fact]
    public void RoundTrip_Nulls_StayNullInEveryType()
    {
        using var dir = new TempDirectory();
        var set = PointsWith("S", "x", null);
        foreach (var (feature, i) in set.Features.Select((f, i) => (f, i)))
        {
            feature.Attributes["L"] = i == 0 ? 7L : null;
            feature.Attributes["D"] = i == 0 ? 0.5 : null;
            feature.Attributes["B"] = i == 0 ? true : null;
            feature.Attributes["T"] = i == 0 ? new DateOnly(1999, 12, 31) : null;
        }
        new ShapefileFormat().Write(set, dir.File("nulls.shp"));

        var read = new ShapefileFormat().Read(dir.File("nulls.shp"));

        Assert.Equal(new object?[] { "x", 7L, 0.5, true, new DateOnly(1999, 12, 31) }, read.Features[0].Attributes.Values);
        Assert.All(read.Features[1].Attributes.Values, Assert.Null);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Write_TextOver254Bytes_IsCutAtCharacterBoundaryWithWarning(ShapefileTextEncoding encoding)
    {
        using var dir = new TempDirectory();
        var text = string.Concat(Enumerable.Repeat("界址点𠀀", 80)); // 𠀀 is 4 bytes in both encodings, the others 3 (UTF-8) or 2 (GB18030)
        var set = PointsWith("TEXT", text);
        var report = new ShapefileFormat(new ShapefileWriteOptions { Encoding = encoding }).WriteWithReport(set, dir.File("t.shp"));

        var read = (string)new ShapefileFormat().Read(dir.File("t.shp")).Features[0].Attributes["TEXT"]!;

        var codec = encoding == ShapefileTextEncoding.Utf8 ? Encoding.UTF8 : Gb18030();
        Assert.StartsWith(read, text);
        Assert.True(codec.GetByteCount(read) <= 254);
        var next = text[read.Length..].EnumerateRunes().First().ToString();
        Assert.True(codec.GetByteCount(read + next) > 254, "more text would have fitted");
        Assert.Contains(report.Warnings, w => w.Code == "shapefile-text-truncated");
    }

    [Fact]
    public void Write_LongAndCollidingFieldNames_AreTruncatedDeduplicatedAndReported()
    {
        using var dir = new TempDirectory();
        var set = PointsWith("项目用地红线编号", "a");
        set.Features[0].Attributes["ABCDEFGHIJKL_1"] = 1L;
        set.Features[0].Attributes["ABCDEFGHIJKL_2"] = 2L;
        set.Features[0].Attributes["abcdefghij"] = 3L;
        var report = new ShapefileFormat().WriteWithReport(set, dir.File("names.shp"));

        var read = new ShapefileFormat().Read(dir.File("names.shp"));

        var stored = report.Fields.Select(f => f.Name).ToList();
        Assert.Equal(stored, read.Features[0].Attributes.Keys);
        Assert.All(stored, n => Assert.True(Encoding.UTF8.GetByteCount(n) <= 10, n));
        Assert.Equal(stored.Count, stored.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        // 3 characters × 3 bytes (a 4th would need 12); then truncation, and suffixes for clashes ignoring case.
        Assert.Equal(new[] { "项目用", "ABCDEFGHIJ", "ABCDEFGH_1", "abcdefgh_2" }, stored);
        Assert.Equal(new object[] { "a", 1L, 2L, 3L }, read.Features[0].Attributes.Values);
        Assert.Equal(4, report.Warnings.Count(w => w.Code == "shapefile-field-renamed"));
    }

    [Fact]
    public void RoundTrip_PointsAndLinesWithZ_KeepZ()
    {
        using var dir = new TempDirectory();
        var lines = new FeatureSet { Srid = 4547 };
        lines.Features.Add(new GeoFeature(ShapefileSamples.Wkt("LINESTRING Z (465650.5 3846600.25 101.5, 465700 3846650 99.25)", 4547)));
        lines.Features.Add(new GeoFeature(ShapefileSamples.Wkt("MULTILINESTRING Z ((1 2 3, 4 5 6), (7 8 9, 10 11 12, 13 14 15))", 4547)));
        var points = new FeatureSet { Srid = 4547 };
        points.Features.Add(new GeoFeature(ShapefileSamples.Wkt("POINT Z (465650.5 3846600.25 101.5)", 4547)));
        points.Features.Add(new GeoFeature(ShapefileSamples.Wkt("MULTIPOINT Z ((1 2 3), (4 5 6))", 4547)));
        new ShapefileFormat().Write(lines, dir.File("lines.shp"));
        new ShapefileFormat().Write(points, dir.File("points.shp"));

        var readLines = new ShapefileFormat().Read(dir.File("lines.shp"));
        var readPoints = new ShapefileFormat().Read(dir.File("points.shp"));

        Assert.Equal("PolyLineZ", readLines.Metadata["shapefile.shape_type"]);
        Assert.Equal("MultiPointZ", readPoints.Metadata["shapefile.shape_type"]);
        AssertSameXyz(lines.Features[0].Geometry, readLines.Features[0].Geometry);
        AssertSameXyz(lines.Features[1].Geometry, readLines.Features[1].Geometry);
        // A Point in a MultiPoint layer comes back as a one-point MultiPoint: the layer has one type.
        Assert.Equal("MultiPoint", readPoints.Features[0].Geometry.GeometryType);
        AssertSameXyz(points.Features[0].Geometry, readPoints.Features[0].Geometry);
        AssertSameXyz(points.Features[1].Geometry, readPoints.Features[1].Geometry);
    }

    [Fact]
    public void RoundTrip_EmptyGeometry_BecomesNullShapeAndEmptyGeometryWithWarning()
    {
        using var dir = new TempDirectory();
        var set = new FeatureSet { Srid = 4490 };
        set.Features.Add(new GeoFeature(ShapefileSamples.Wkt("POLYGON ((113 34, 113 35, 114 35, 113 34))", 4490)));
        set.Features.Add(new GeoFeature(ShapefileSamples.Wkt("POLYGON EMPTY", 4490)));
        new ShapefileFormat().Write(set, dir.File("e.shp"));

        var read = new ShapefileFormat().Read(dir.File("e.shp"));

        Assert.Equal(2, read.Features.Count);
        Assert.True(read.Features[1].Geometry.IsEmpty);
        Assert.IsAssignableFrom<Polygon>(read.Features[1].Geometry);
        Assert.Contains(read.Warnings, w => w.Code == "shapefile-null-shapes");
    }

    [Fact]
    public void RoundTrip_NoFeatures_GivesAnEmptyLayerGdalAlsoReads()
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(new FeatureSet { Srid = 4490 }, dir.File("empty.shp"));

        var read = new ShapefileFormat().Read(dir.File("empty.shp"));
        var gdal = OgrInfoOutput.Parse(GdalTools.Run("ogrinfo", "-al", "-so", dir.File("empty.shp")));

        Assert.Empty(read.Features);
        Assert.Equal(4490, read.Srid);
        Assert.Equal("0", gdal.Summary["Feature Count"]);
    }

    [Fact]
    public void Write_MixedGeometryKinds_Is422NamingTheFeature()
    {
        using var dir = new TempDirectory();
        var set = new FeatureSet { Srid = 4490 };
        set.Features.Add(new GeoFeature(ShapefileSamples.Wkt("POINT (113 34)", 4490)));
        set.Features.Add(new GeoFeature(ShapefileSamples.Wkt("LINESTRING (113 34, 114 35)", 4490)));

        var error = Assert.Throws<InputException>(() => new ShapefileFormat().Write(set, dir.File("mixed.shp")));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal("shapefile-mixed-geometry", error.Problems[0].Code);
        Assert.Equal(2, error.Problems[0].Where?.Record);
        Assert.False(File.Exists(dir.File("mixed.shp")), "nothing is written when the input is rejected");
    }

    [Fact]
    public void Write_SridWithoutTemplate_WritesNoPrjAndSaysSo()
    {
        using var dir = new TempDirectory();
        var set = PointsWith("A", 1L);
        set.Srid = 32650; // UTM 50N: no template here
        var report = new ShapefileFormat().WriteWithReport(set, dir.File("utm.shp"));

        var read = new ShapefileFormat().Read(dir.File("utm.shp"));

        Assert.Null(report.Prj);
        Assert.Contains(report.Warnings, w => w.Code == "shapefile-no-prj-written");
        Assert.False(File.Exists(dir.File("utm.prj")));
        Assert.Null(read.Srid);
        Assert.Contains(read.Warnings, w => w.Code == "shapefile-no-prj");
    }

    [Fact]
    public void RoundTrip_UnrecognisedPrj_IsWarnedAndCopiedOnWrite()
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(PointsWith("A", 1L), dir.File("a.shp"));
        const string utm = "PROJCS[\"WGS_1984_UTM_Zone_50N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",117.0],PARAMETER[\"Scale_Factor\",0.9996],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
        File.WriteAllText(dir.File("a.prj"), utm);

        var read = new ShapefileFormat().Read(dir.File("a.shp"));
        new ShapefileFormat().Write(read, dir.File("b.shp"));

        Assert.Null(read.Srid);
        var warning = Assert.Single(read.Warnings, w => w.Code == "shapefile-unknown-prj");
        Assert.Contains("WGS_1984_UTM_Zone_50N", warning.What);
        Assert.Equal(utm, File.ReadAllText(dir.File("b.prj")));
    }

    [Fact]
    public void Write_OverAnOlderShapefile_RemovesStaleIndexAndPrj()
    {
        using var dir = new TempDirectory();
        var set = PointsWith("A", 1L);
        new ShapefileFormat().Write(set, dir.File("a.shp"));
        File.WriteAllText(dir.File("a.qix"), "stale");
        set.Srid = null;
        set.Metadata.Clear();

        new ShapefileFormat().Write(set, dir.File("a.shp"));

        Assert.False(File.Exists(dir.File("a.qix")));
        Assert.False(File.Exists(dir.File("a.prj")));
    }

    [Fact]
    public void RoundTrip_ZipWriteAndRead_KeepsEverything()
    {
        var original = ShapefileSamples.Parcels();
        using var zip = new MemoryStream();
        new ShapefileFormat().WriteZip(original, zip, "红线");
        zip.Position = 0;

        var read = ShapefileFormat.ReadZip(zip, "upload.zip");

        Assert.Equal("红线", read.Name);
        Assert.Equal(4526, read.Srid);
        Assert.Equal(original.Features.Select(f => f.Attributes["NAME"]), read.Features.Select(f => f.Attributes["NAME"]));
        Assert.All(original.Features.Zip(read.Features), pair =>
            Assert.True(pair.First.Geometry.Normalized().EqualsExact(pair.Second.Geometry.Normalized())));
    }

    internal static FeatureSet PointsWith(string attribute, params object?[] values)
    {
        var set = new FeatureSet { Srid = 4490, Name = "points" };
        for (var i = 0; i < values.Length; i++)
        {
            var feature = new GeoFeature(ShapefileSamples.Wkt($"POINT (113.{i + 1} 34.5)", 4490));
            feature.Attributes[attribute] = values[i];
            set.Features.Add(feature);
        }
        return set;
    }

    internal static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private static void AssertSameXyz(Geometry expected, Geometry actual)
    {
        var e = expected.Coordinates;
        var a = actual.Coordinates;
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.Equal(e[i].X, a[i].X);
            Assert.Equal(e[i].Y, a[i].Y);
            Assert.Equal(e[i].Z, a[i].Z);
        }
    }
}
