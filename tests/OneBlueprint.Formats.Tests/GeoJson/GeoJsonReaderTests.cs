using System.Text;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.Tests.GeoJson;

public class GeoJsonReaderTests
{
    private static Geo.Features.FeatureSet Read(string json, GeoJsonReadOptions? options = null) =>
        GeoJsonReader.ReadText(json, "test.geojson", options);

    private static IReadOnlyList<InputProblem> Errors(string json, GeoJsonReadOptions? options = null) =>
        Assert.Throws<InputException>(() => Read(json, options)).Problems;

    private const string Square = "[[[113,34],[113.001,34],[113.001,34.001],[113,34.001],[113,34]]]";

    [Fact]
    public void Properties_BecomeTypedAttributesInTheirOrder()
    {
        var set = Read("""
            {"type":"Feature","properties":{"名称":"郑州市中原区","i":42,"big":9007199254740993,"d":1.5,"e":1e3,
              "t":true,"f":false,"n":null,"o":{ "a": [1, 2], "b": "二" },"arr":[1,"x"]},
             "geometry":{"type":"Point","coordinates":[113.6,34.7]}}
            """);
        var attributes = Assert.Single(set.Features).Attributes;
        Assert.Equal(["名称", "i", "big", "d", "e", "t", "f", "n", "o", "arr"], attributes.Keys);
        Assert.Equal("郑州市中原区", attributes["名称"]);
        Assert.Equal(42L, attributes["i"]);
        Assert.Equal(9007199254740993L, attributes["big"]); // beyond 2^53: a double would round it
        Assert.Equal(1.5, attributes["d"]);
        Assert.Equal(1000.0, attributes["e"]);
        Assert.Equal(true, attributes["t"]);
        Assert.Equal(false, attributes["f"]);
        Assert.Null(attributes["n"]);
        Assert.Equal(new RawJson("""{"a":[1,2],"b":"二"}"""), attributes["o"]);
        Assert.Equal(new RawJson("""[1,"x"]"""), attributes["arr"]);
    }

    [Fact]
    public void Id_StringOrNumber_BecomesFeatureId()
    {
        var set = Read($$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","id":100,"properties":{},"geometry":null},
              {"type":"Feature","id":"DK-7","properties":{},"geometry":null},
              {"type":"Feature","properties":{},"geometry":null}]}
            """);
        Assert.Equal(["100", "DK-7", null], set.Features.Select(f => f.Id));
    }

    [Fact]
    public void BareGeometry_IsOneFeatureWithoutAttributes()
    {
        var set = Read($$"""{"type":"Polygon","coordinates":{{Square}}}""");
        var feature = Assert.Single(set.Features);
        Assert.Empty(feature.Attributes);
        Assert.IsType<Polygon>(feature.Geometry);
        Assert.Equal(4490, set.Srid);
        Assert.Equal(4490, feature.Geometry.SRID);
    }

    [Fact]
    public void NullGeometryAndNullProperties_AreEmpty()
    {
        var set = Read("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":null,"geometry":null}]}""");
        var feature = Assert.Single(set.Features);
        Assert.True(feature.Geometry.IsEmpty);
        Assert.Empty(feature.Attributes);
    }

    [Fact]
    public void ThreeDimensionalPositions_KeepZ()
    {
        var set = Read("""{"type":"LineString","coordinates":[[113,34,88.5],[113.1,34.1,90]]}""");
        var line = (LineString)set.Features[0].Geometry;
        Assert.Equal(88.5, line.GetCoordinateN(0).Z);
        Assert.Equal(90, line.GetCoordinateN(1).Z);
    }

    [Fact]
    public void MemberOrder_DoesNotMatter()
    {
        // "type" last at every level, crs after the features: all must still be understood.
        var set = Read("""
            {"features":[{"geometry":{"coordinates":[500100.5,3800200.25],"type":"Point"},"properties":{"k":1},"type":"Feature"}],
             "crs":{"type":"name","properties":{"name":"EPSG:4547"}},"type":"FeatureCollection"}
            """);
        var point = (Point)Assert.Single(set.Features).Geometry;
        Assert.Equal(4547, set.Srid);
        Assert.Equal((500100.5, 3800200.25), (point.X, point.Y));
        Assert.Equal(1L, set.Features[0].Attributes["k"]);
    }

    [Theory]
    [InlineData("EPSG:4547", 4547)]
    [InlineData("urn:ogc:def:crs:EPSG::4547", 4547)]
    [InlineData("urn:ogc:def:crs:EPSG:6.6:4527", 4527)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4490", 4490)]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84", 4326)]
    public void LegacyCrsMember_SetsSrid(string name, int srid)
    {
        var set = Read($$$"""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"{{{name}}}"}},"features":[]}""");
        Assert.Equal(srid, set.Srid);
    }

    [Fact]
    public void UnknownCrs_IsAnError_UnlessForced()
    {
        const string json = """{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"ESRI:102100"}},"features":[]}""";
        Assert.Equal(GeoJsonCodes.CrsUnsupported, Assert.Single(Errors(json)).Code);
        var forced = Read(json, new GeoJsonReadOptions { ForceSrid = 3857 });
        Assert.Equal(3857, forced.Srid);
        Assert.Equal(GeoJsonCodes.CrsIgnored, Assert.Single(forced.Warnings).Code);
    }

    [Fact]
    public void ForceSrid_OverridesDefault()
    {
        var set = Read("""{"type":"Point","coordinates":[500000,3800000]}""", new GeoJsonReadOptions { ForceSrid = 4547 });
        Assert.Equal(4547, set.Srid);
        Assert.Equal(4547, set.Features[0].Geometry.SRID);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void ZonePrefixedMetres_WithoutCrs_AreRejectedWithTheLikelyCrs()
    {
        // Henan zone 39, zone number prefixed to the easting: CGCS2000 EPSG:4527 (design.md §3).
        var problem = Assert.Single(Errors("""{"type":"Point","coordinates":[39465650.0,3846600.0]}"""));
        Assert.Equal(GeoJsonCodes.CoordinateOutOfRange, problem.Code);
        Assert.Contains("±180", problem.What);
        Assert.Contains("EPSG:4527", problem.HowToFix);
        Assert.Equal((39465650.0, 3846600.0), (problem.Where!.X, problem.Where.Y));
    }

    [Fact]
    public void LatitudeFirst_IsRejectedWithSwapHint()
    {
        var problem = Assert.Single(Errors("""{"type":"Point","coordinates":[34.75,113.62]}"""));
        Assert.Equal(GeoJsonCodes.CoordinateOutOfRange, problem.Code);
        Assert.Contains("longitude first", problem.HowToFix);
    }

    [Fact]
    public void OutOfRange_IsReportedOnceWithCount()
    {
        var features = string.Join(",", Enumerable.Range(0, 30).Select(i =>
            $$$"""{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[{{{500000 + i}}},3800000]}}"""));
        var problem = Assert.Single(Errors($$"""{"type":"FeatureCollection","features":[{{features}}]}"""));
        Assert.Contains("and 29 more", problem.What);
    }

    [Fact]
    public void AllErrors_AreListedWithLineAndPath()
    {
        var json = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [113, 34]}},
              {"type": "Feature", "properties": {},
               "geometry": {"type": "Polygon", "coordinates": [[[113,34],[113.1,34],[113.1,34.1],[113,34.1]]]}},
              {"type": "Feature", "properties": [],
               "geometry": {"type": "LineString", "coordinates": [[113, 34]]}},
              "not a feature"
            ]}
            """;
        var problems = Errors(json);
        Assert.Equal([GeoJsonCodes.RingNotClosed, GeoJsonCodes.PropertiesNotObject, GeoJsonCodes.LineTooShort, GeoJsonCodes.FeatureNotObject],
            problems.Select(p => p.Code));
        Assert.Equal([4, 5, 6, 7], problems.Select(p => p.Where!.Line!.Value));
        Assert.Contains("features[1].geometry.coordinates[0]", problems[0].What);
        Assert.Contains("features[2].properties", problems[1].What);
        Assert.Contains("features[2].geometry.coordinates", problems[2].What);
        Assert.Contains("features[3]", problems[3].What);
        Assert.All(problems, p => Assert.Equal("test.geojson", p.Where!.File));
    }

    [Fact]
    public void Column_CountsCharactersNotBytes()
    {
        // "名称名称" is 4 characters but 12 UTF-8 bytes; the bad "coordinates" value starts at character 60.
        var json = """{"type":"Feature","properties":{"名称名称":1},"geometry":{"type":"Point","coordinates":"x"}}""";
        var problem = Assert.Single(Errors(json));
        Assert.Equal(GeoJsonCodes.CoordinatesNotArray, problem.Code);
        Assert.EndsWith($"column {json.IndexOf("\"x\"", StringComparison.Ordinal) + 1}", problem.What);
    }

    [Fact]
    public void ManyErrors_AreCappedAndCounted()
    {
        var features = string.Join(",", Enumerable.Range(0, 80).Select(_ => """{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":["a",1]}}"""));
        var problems = Errors($$"""{"type":"FeatureCollection","features":[{{features}}]}""");
        Assert.Equal(51, problems.Count);
        Assert.Equal(GeoJsonCodes.TooManyErrors, problems[^1].Code);
        Assert.Contains("30 more", problems[^1].What);
    }

    [Fact]
    public void InvalidJson_GivesLineAndColumn()
    {
        var problem = Assert.Single(Errors("{\n  \"type\": \"Point\"\n  \"coordinates\": [1, 2]\n}"));
        Assert.Equal(GeoJsonCodes.InvalidJson, problem.Code);
        Assert.Equal(3, problem.Where!.Line);
        Assert.Contains("column 3", problem.What);
    }

    [Theory]
    [InlineData("", GeoJsonCodes.Empty)]
    [InlineData("  \n ", GeoJsonCodes.Empty)]
    [InlineData("[1,2]", GeoJsonCodes.RootNotObject)]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[1,2]} {}", GeoJsonCodes.InvalidJson)]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[1,2],}", GeoJsonCodes.InvalidJson)]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[1e999,2]}", GeoJsonCodes.PositionNotNumber)]
    [InlineData("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Feature\"}}", GeoJsonCodes.GeometryWrongType)]
    [InlineData("{\"type\":\"Feature\",\"properties\":{},\"geometry\":[1,2]}", GeoJsonCodes.GeometryNotObject)]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Point\",\"coordinates\":[1,2]}]}", GeoJsonCodes.FeatureWrongType)]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[2,2],[1,2]]]}", GeoJsonCodes.RingTooShort)]
    public void BrokenInput_IsOneClearError(string json, string code)
    {
        Assert.Contains(Errors(json), p => p.Code == code);
    }

    [Fact]
    public void Gb18030Text_IsRejectedAsNotUtf8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("""{"type":"Feature","properties":{"名称":"中原区"},"geometry":null}""");
        var problem = Assert.Single(Assert.Throws<InputException>(() => GeoJsonReader.Read(bytes, "gbk.geojson")).Problems);
        Assert.Equal(GeoJsonCodes.NotUtf8, problem.Code);
        Assert.Contains("GB18030", problem.HowToFix);
    }

    [Fact]
    public void ByteOrderMark_IsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"type":"Point","coordinates":[113,34]}""")).ToArray();
        Assert.Single(GeoJsonReader.Read(bytes, "bom.geojson").Features);
    }

    [Fact]
    public void DuplicateProperty_WarnsAndKeepsTheLast()
    {
        var set = Read("""{"type":"Feature","properties":{"a":1,"b":2,"a":3},"geometry":null}""");
        Assert.Equal(GeoJsonCodes.DuplicateProperty, Assert.Single(set.Warnings).Code);
        Assert.Equal(["a", "b"], set.Features[0].Attributes.Keys);
        Assert.Equal(3L, set.Features[0].Attributes["a"]);
    }

    [Fact]
    public void ClockwiseRings_WarnOnceAndAreNotChanged()
    {
        const string clockwise = "[[[113,34],[113,34.001],[113.001,34.001],[113.001,34],[113,34]]]";
        var features = string.Join(",", Enumerable.Range(0, 3).Select(_ =>
            $$$"""{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":{{{clockwise}}}}}"""));
        var set = Read($$"""{"type":"FeatureCollection","features":[{{features}}]}""");
        var warning = Assert.Single(set.Warnings);
        Assert.Equal(GeoJsonCodes.RightHandRule, warning.Code);
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Contains("and 2 more", warning.What);
        var shell = ((Polygon)set.Features[0].Geometry).Shell;
        Assert.False(Orientation.IsCCW(shell.CoordinateSequence)); // read as written
        Assert.Equal(new Coordinate(113, 34.001), shell.GetCoordinateN(1));
    }

    [Fact]
    public void Precision_WarnsOnlyBeyondNineDecimalsOfDegree()
    {
        Assert.Empty(Read("""{"type":"Point","coordinates":[113.123456789,34.123456789]}""").Warnings);
        var warning = Assert.Single(Read("""{"type":"Point","coordinates":[113.1234567891,34.1]}""").Warnings);
        Assert.Equal(GeoJsonCodes.ExcessivePrecision, warning.Code);
        Assert.Empty(Read("""{"type":"Point","coordinates":[113.1234567891,34.1]}""", new GeoJsonReadOptions { WarnExcessivePrecision = false }).Warnings);
    }

    [Fact]
    public void EmptyCoordinates_AreEmptyGeometries()
    {
        foreach (var type in new[] { "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon" })
        {
            var geometry = Read($$"""{"type":"{{type}}","coordinates":[]}""").Features[0].Geometry;
            Assert.True(geometry.IsEmpty, type);
            Assert.Equal(type, geometry.GeometryType);
        }
    }

    /// <summary>Damaged inputs (bytes swapped for JSON punctuation, cut short) give InputException and nothing else.</summary>
    [Fact]
    public void DamagedInput_OnlyEverThrowsInputException()
    {
        var original = File.ReadAllBytes(Path.Combine(GeoJsonTestData.HintGood, "good-featurecollection-extensions.geojson"));
        var random = new Random(7946);
        var alphabet = "[]{},:\"-.e0\\ntf"u8.ToArray();
        for (var run = 0; run < 2000; run++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] = alphabet[random.Next(alphabet.Length)];
            if (run % 5 == 0) bytes = bytes[..random.Next(bytes.Length)];
            try { GeoJsonReader.Read(bytes, "damaged.geojson"); }
            catch (InputException) { }
        }
    }

    [Fact]
    public void StreamAndFile_ReadTheSame()
    {
        var json = $$$"""{"type":"FeatureCollection","name":"地块","features":[{"type":"Feature","properties":{"a":1},"geometry":{"type":"Polygon","coordinates":{{{Square}}}}}]}""";
        var fromStream = new GeoJsonFormat().Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "body");
        var path = Path.Combine(Path.GetTempPath(), $"ob-geojson-{Guid.NewGuid():N}.geojson");
        File.WriteAllText(path, json);
        try
        {
            var fromFile = new GeoJsonFormat().Read(path);
            Assert.Equal("地块", fromFile.Name);
            Assert.True(fromFile.Features[0].Geometry.EqualsExact(fromStream.Features[0].Geometry));
            Assert.Equal(Path.GetFileName(path), fromFile.Features[0].Source!.File);
            Assert.Equal(1, fromFile.Features[0].Source!.Record);
        }
        finally { File.Delete(path); }
    }
}
