using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Engines.Tests.Support;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Compliance;

public class DeterminismTests
{
    /// <summary>Geometry as full-precision WKT: enough to see any difference in the parts.</summary>
    private sealed class WktConverter : JsonConverter<Geometry>
    {
        public override Geometry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Geometry value, JsonSerializerOptions options) =>
            writer.WriteStringValue(new WKTWriter { MaxCoordinatesPerLine = int.MaxValue }.Write(value));

        public override bool CanConvert(Type typeToConvert) => typeof(Geometry).IsAssignableFrom(typeToConvert);
    }

    private static readonly JsonSerializerOptions Json = new() { Converters = { new WktConverter() }, WriteIndented = false };

    private static BlueprintSnapshot Build(bool parallel)
    {
        var options = new ControlLayerIndexOptions { Parallel = parallel };
        var farmland = SyntheticBlueprint.Farmland(30, 30, 122, seed: 8);
        var big = SyntheticBlueprint.BigPolygons([(X0 + 1800, Y0 + 1800, 1200)], 6_000, seed: 2);
        return new BlueprintSnapshot(
        [
            ControlLayerIndex.Build("YJJBNTBHTB", 3, Srid, Enumerable.Reverse(farmland), options),
            ControlLayerIndex.Build("STBHHX", 4, Srid, big, options),
            ControlLayerIndex.Build("CZKFBJ", 5, Srid, big.Select(f => f with { Geometry = f.Geometry.Buffer(200) }), options),
        ]);
    }

    [Fact]
    public void Check_SameInputTwice_GivesIdenticalJson()
    {
        var first = Build(parallel: true);
        var second = Build(parallel: false);
        var random = new Random(4);
        for (var i = 0; i < 40; i++)
        {
            var geometry = SyntheticBlueprint.RedLine(random, X0 + 1000 + random.NextDouble() * 1800, Y0 + 1000 + random.NextDouble() * 1800);
            foreach (var withGeometry in new[] { false, true })
            {
                var request = new ComplianceRequest { ProjectCode = "P", ProjectCategory = "工业", IncludeGeometry = withGeometry };
                var a = JsonSerializer.Serialize(TestEngines.Fast.Check(RedLine.Create(geometry, Srid), request, first), Json);
                var b = JsonSerializer.Serialize(TestEngines.Fast.Check(RedLine.Create(geometry.Copy(), Srid), request, second), Json);
                Assert.Equal(a, b);
            }
        }
    }

    [Fact]
    public void Result_SerialisesWithLowerCaseVerdicts()
    {
        var result = TestEngines.Fast.Check(RedLine.Create(Square(0, 0, 100), Srid), new ComplianceRequest(),
            TestEngines.Snapshot(TestEngines.Layer("STBHHX", Square(50, 0, 100))));
        var json = JsonSerializer.Serialize(result, Json);
        Assert.Contains("\"Verdict\":\"conflict\"", json);
        Assert.Contains("\"RuleId\":\"STBHHX-CONFLICT-OCCUPY\"", json);
        Assert.Contains("\"OverlapAreaM2\":5000", json);
    }
}
