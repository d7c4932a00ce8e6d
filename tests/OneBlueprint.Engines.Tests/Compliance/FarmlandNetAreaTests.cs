using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Engines.Tests.Support;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Compliance;

public class FarmlandNetAreaTests
{
    [Fact]
    public void NetArea_KcxsAsNumberTextMissingOrOutOfRange_DeductsOnlyValidFactors()
    {
        ControlFeature Patch(long id, double x, object? kcxs) =>
            new(id, Square(x, 0, 10), kcxs is null ? new Dictionary<string, object?> { ["DKBH"] = $"P{id}" }
                : new Dictionary<string, object?> { ["DKBH"] = $"P{id}", ["KCXS"] = kcxs });
        var layer = ControlLayerIndex.Build("YJJBNTBHTB", 7, Srid,
            [Patch(1, 0, 0.1), Patch(2, 20, "0.25"), Patch(3, 40, null), Patch(4, 60, 1.5), Patch(5, 80, 0L)]);
        // The red line covers patches 1–4 fully and half of patch 5.
        var redLine = Rect(-5, -5, 90, 20);
        foreach (var engine in TestEngines.Both)
        {
            var result = TestEngines.CheckOne(engine, redLine, layer, category: "工业");
            Assert.Equal(450, result.OverlapAreaM2, 9);
            Assert.Equal(100 * 0.9 + 100 * 0.75 + 100 + 100 + 50, result.NetAreaM2!.Value, 9);
            Assert.Equal([1L, 2, 3, 4, 5], result.Features.Select(f => f.FeatureId));
            Assert.Equal(0.1, result.Features[0].Deduction);
            Assert.Equal(0.25, result.Features[1].Deduction);
            Assert.Null(result.Features[2].Deduction);
            Assert.Null(result.Features[3].Deduction);
            Assert.Equal(75, result.Features[1].NetAreaM2!.Value, 9);
            Assert.Contains(result.Notes, n => n.Contains("feature 4: KCXS = '1.5'", StringComparison.Ordinal));
            Assert.Equal("P2", result.Features[1].Attributes["DKBH"]);
            Assert.Equal(7, result.LayerVersionId);
        }
    }
}
