using System.Text;
using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.Tests.GeoJson;

/// <summary>Read → write → read keeps coordinates and attributes; the writer's rounding and ring order.</summary>
public class GeoJsonRoundTripTests
{
    private static FeatureSet RoundTrip(FeatureSet set, GeoJsonWriteOptions options) =>
        GeoJsonReader.Read(GeoJsonWriter.WriteToUtf8Bytes(set, options), "round-trip.geojson");

    [Fact]
    public void HenanCounties_LosslessRoundTrip_KeepsEveryCoordinateAndAttribute()
    {
        var original = new GeoJsonFormat().Read(GeoJsonTestData.HenanCounties);
        var again = RoundTrip(original, GeoJsonWriteOptions.Lossless);
        Assert.Equal(158, again.Features.Count);
        for (var i = 0; i < original.Features.Count; i++)
        {
            Assert.True(original.Features[i].Geometry.EqualsExact(again.Features[i].Geometry), $"feature {i} geometry changed");
            AssertSameAttributes(original.Features[i], again.Features[i]);
        }
    }

    [Fact]
    public void RandomDoubles_LosslessRoundTrip_AreBitIdentical()
    {
        var random = new Random(4490);
        var factory = GeometryKit.Factory(4490);
        var set = new FeatureSet();
        for (var f = 0; f < 50; f++)
        {
            var coordinates = Enumerable.Range(0, 20)
                .Select(_ => new CoordinateZ(110 + random.NextDouble() * 6, 31 + random.NextDouble() * 5, random.NextDouble() * 1e3 - 100))
                .ToArray<Coordinate>();
            set.Features.Add(new GeoFeature(factory.CreateLineString(coordinates)));
        }
        var again = RoundTrip(set, GeoJsonWriteOptions.Lossless);
        for (var f = 0; f < set.Features.Count; f++)
        {
            var a = set.Features[f].Geometry.Coordinates;
            var b = again.Features[f].Geometry.Coordinates;
            Assert.Equal(a.Length, b.Length);
            for (var i = 0; i < a.Length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(a[i].X), BitConverter.DoubleToInt64Bits(b[i].X));
                Assert.Equal(BitConverter.DoubleToInt64Bits(a[i].Y), BitConverter.DoubleToInt64Bits(b[i].Y));
                Assert.Equal(BitConverter.DoubleToInt64Bits(a[i].Z), BitConverter.DoubleToInt64Bits(b[i].Z));
            }
        }
    }

    [Fact]
    public void Attributes_ChineseNestedAndTyped_SurviveRoundTrip()
    {
        var source = """
            {"type":"FeatureCollection","features":[{"type":"Feature","id":7,
             "properties":{"名称":"生态保护红线 STBHHX","面积":12.5,"count":3,"whole":5.0,"ok":true,"none":null,
                           "nested":{"部门":["自然资源局","住建局"],"level":2},"list":[1,2.5,"三"]},
             "geometry":{"type":"Point","coordinates":[113.6,34.7]}}]}
            """;
        var original = GeoJsonReader.ReadText(source, "a.geojson");
        var bytes = GeoJsonWriter.WriteToUtf8Bytes(original, GeoJsonWriteOptions.Default);
        var again = GeoJsonReader.Read(bytes, "b.geojson");
        AssertSameAttributes(original.Features[0], again.Features[0]);
        Assert.Equal("7", again.Features[0].Id);

        // Nested values come back as JSON objects/arrays (not strings), Chinese as readable UTF-8.
        using var written = JsonDocument.Parse(bytes);
        var properties = written.RootElement.GetProperty("features")[0].GetProperty("properties");
        Assert.Equal(JsonValueKind.Object, properties.GetProperty("nested").ValueKind);
        Assert.Equal(JsonValueKind.Array, properties.GetProperty("list").ValueKind);
        Assert.Equal(JsonValueKind.Number, written.RootElement.GetProperty("features")[0].GetProperty("id").ValueKind);
        Assert.Contains("自然资源局", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void DefaultDecimals_RoundToNineForDegreesAndThreeForMetres()
    {
        var degrees = SinglePoint(4490, 113.123456789012345, 34.98765432109876);
        Assert.Contains("[113.123456789,34.987654321]", Encoding.UTF8.GetString(GeoJsonWriter.WriteToUtf8Bytes(degrees)));
        var metres = SinglePoint(4547, 500123.45678, 3846600.0006);
        Assert.Contains("[500123.457,3846600.001]", Encoding.UTF8.GetString(GeoJsonWriter.WriteToUtf8Bytes(metres)));
        var two = GeoJsonWriter.WriteToUtf8Bytes(degrees, new GeoJsonWriteOptions { Decimals = 2 });
        Assert.Contains("[113.12,34.99]", Encoding.UTF8.GetString(two));
    }

    [Fact]
    public void RoundedRoundTrip_StaysWithinTheRounding()
    {
        var original = new GeoJsonFormat().Read(GeoJsonTestData.PathOf("naturalearth/ne10m_rivers_henan_bbox.geojson"));
        var again = RoundTrip(original, GeoJsonWriteOptions.Default);
        for (var i = 0; i < original.Features.Count; i++)
            Assert.True(original.Features[i].Geometry.EqualsExact(again.Features[i].Geometry, 0.75e-9), $"feature {i}");
    }

    [Fact]
    public void Writer_OrientsRingsByTheRightHandRule()
    {
        // DataV rings are clockwise; RFC 7946 wants exterior rings counterclockwise, holes clockwise.
        var factory = GeometryKit.Factory(4490);
        var shell = factory.CreateLinearRing([new(0, 0), new(0, 10), new(10, 10), new(10, 0), new(0, 0)]);
        var hole = factory.CreateLinearRing([new(2, 2), new(8, 2), new(8, 8), new(2, 8), new(2, 2)]);
        var set = new FeatureSet { Srid = 4490 };
        set.Features.Add(new GeoFeature(factory.CreatePolygon(shell, [hole])));

        var written = (Polygon)RoundTrip(set, GeoJsonWriteOptions.Default).Features[0].Geometry;
        Assert.True(Orientation.IsCCW(written.Shell.CoordinateSequence));
        Assert.False(Orientation.IsCCW(written.Holes[0].CoordinateSequence));
        Assert.True(written.EqualsTopologically(set.Features[0].Geometry));

        var asIs = (Polygon)RoundTrip(set, GeoJsonWriteOptions.Lossless).Features[0].Geometry;
        Assert.True(asIs.EqualsExact(set.Features[0].Geometry));
    }

    [Fact]
    public void ProjectedSet_WritesLegacyCrsAndReadsBack()
    {
        var set = SinglePoint(4547, 500000, 3800000);
        var bytes = GeoJsonWriter.WriteToUtf8Bytes(set);
        using var document = JsonDocument.Parse(bytes);
        Assert.Equal("urn:ogc:def:crs:EPSG::4547",
            document.RootElement.GetProperty("crs").GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(4547, GeoJsonReader.Read(bytes, "x").Srid);

        using var plain = JsonDocument.Parse(GeoJsonWriter.WriteToUtf8Bytes(SinglePoint(4490, 113, 34)));
        Assert.False(plain.RootElement.TryGetProperty("crs", out _));
    }

    [Fact]
    public void NullGeometry_StaysNull()
    {
        var set = GeoJsonReader.ReadText("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}""", "x");
        using var written = JsonDocument.Parse(GeoJsonWriter.WriteToUtf8Bytes(set));
        Assert.Equal(JsonValueKind.Null, written.RootElement.GetProperty("features")[0].GetProperty("geometry").ValueKind);
    }

    [Fact]
    public void WriteGeometry_EmbedsInALargerDocument()
    {
        var geometry = GeoJsonReader.ReadText("""{"type":"MultiPolygon","coordinates":[[[[113,34],[113.1,34],[113.1,34.1],[113,34]]]]}""", "x")
            .Features[0].Geometry;
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, GeoJsonWriter.JsonOptions()))
        {
            writer.WriteStartObject();
            writer.WriteString("verdict", "合规");
            writer.WritePropertyName("overlap");
            GeoJsonWriter.WriteGeometry(writer, geometry, 9);
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        var embedded = document.RootElement.GetProperty("overlap").GetRawText();
        Assert.True(GeoJsonReader.ReadText(embedded, "embedded").Features[0].Geometry.EqualsExact(geometry));
    }

    private static FeatureSet SinglePoint(int srid, double x, double y)
    {
        var set = new FeatureSet { Srid = srid };
        set.Features.Add(new GeoFeature(GeometryKit.Factory(srid).CreatePoint(new Coordinate(x, y))));
        return set;
    }

    private static void AssertSameAttributes(GeoFeature expected, GeoFeature actual)
    {
        Assert.Equal(expected.Attributes.Keys, actual.Attributes.Keys);
        foreach (var (key, value) in expected.Attributes)
        {
            Assert.Equal(value?.GetType(), actual.Attributes[key]?.GetType());
            Assert.Equal(value, actual.Attributes[key]);
        }
    }
}
