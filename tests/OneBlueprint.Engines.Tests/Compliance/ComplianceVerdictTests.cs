using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Engines.Tests.Support;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Compliance;

/// <summary>The default rules, layer by layer and category by category, on a red line that overlaps 100 m² of everything.</summary>
public class ComplianceVerdictTests
{
    private static LayerCompliance Judge(string code, string? category) =>
        TestEngines.CheckOne(TestEngines.Fast, Square(0, 0, 100), TestEngines.Layer(code, Square(90, 0, 10)), category);

    [Theory]
    [InlineData("STBHHX", null, Verdict.Conflict, "STBHHX-CONFLICT-OCCUPY")]
    [InlineData("STBHHX", "交通", Verdict.Conflict, "STBHHX-CONFLICT-OCCUPY")]
    [InlineData("YJJBNTBHTB", "工业", Verdict.Conflict, "YJJBNTBHTB-CONFLICT-OCCUPY")]
    [InlineData("YJJBNTBHTB", null, Verdict.Conflict, "YJJBNTBHTB-CONFLICT-OCCUPY")]
    [InlineData("YJJBNTBHTB", "交通", Verdict.Warning, "YJJBNTBHTB-WARN-MAJOR-PROJECT")]
    [InlineData("YJJBNTBHTB", " 军事国防 ", Verdict.Warning, "YJJBNTBHTB-WARN-MAJOR-PROJECT")]
    [InlineData("YJJBNTBHTB", "Water", Verdict.Warning, "YJJBNTBHTB-WARN-MAJOR-PROJECT")]
    [InlineData("YJJBNTBHTB", "党中央国务院明确支持的重大建设项目", Verdict.Warning, "YJJBNTBHTB-WARN-MAJOR-PROJECT")]
    [InlineData("LX", "水利", Verdict.Warning, "LX-WARN-WATER-PROJECT")]
    [InlineData("LX", "居住", Verdict.Conflict, "LX-CONFLICT-OCCUPY")]
    [InlineData("LVX", "居住", Verdict.Warning, "LVX-WARN-OCCUPY")]
    [InlineData("ZX", "交通", Verdict.Conflict, "ZX-CONFLICT-OCCUPY")]
    [InlineData("HX", "市政公用设施", Verdict.Pass, "HX-PASS-INFRASTRUCTURE")]
    [InlineData("HX", "商业服务业", Verdict.Warning, "HX-WARN-OCCUPY")]
    [InlineData("QTKZX", "工业", Verdict.Warning, "GEN-WARN-UNRULED")]
    public void Verdict_OverlapByLayerAndCategory_FollowsTheDefaultRules(string code, string? category, Verdict verdict, string ruleId)
    {
        var result = Judge(code, category);
        Assert.Equal(verdict, result.Verdict);
        Assert.Equal(ruleId, result.RuleId);
        Assert.False(string.IsNullOrWhiteSpace(result.RuleText.Zh));
        Assert.False(string.IsNullOrWhiteSpace(result.RuleText.En));
        Assert.Equal(100, result.OverlapAreaM2, 9);
    }

    [Theory]
    [InlineData("工业", Verdict.Conflict, "CZKFBJ-CONFLICT-URBAN-OUTSIDE")]
    [InlineData("交通", Verdict.Warning, "CZKFBJ-WARN-OUTSIDE")]
    [InlineData(null, Verdict.Warning, "CZKFBJ-WARN-OUTSIDE")]
    public void Verdict_RedLinePartlyOutsideUrbanBoundary_DependsOnCategory(string? category, Verdict verdict, string ruleId)
    {
        var boundary = TestEngines.Layer("CZKFBJ", Rect(-1000, -1000, 1060, 3000)); // covers x < 60 of the red line
        foreach (var engine in TestEngines.Both)
        {
            var result = TestEngines.CheckOne(engine, Square(0, 0, 100), boundary, category);
            Assert.Equal(verdict, result.Verdict);
            Assert.Equal(ruleId, result.RuleId);
            Assert.Equal(6000, result.OverlapAreaM2, 9);
            Assert.Equal(4000, result.OutsideAreaM2!.Value, 9);
        }
    }

    [Fact]
    public void Verdict_RedLineInsideUrbanBoundaryOrOutsideBySliver_Passes()
    {
        var inside = TestEngines.CheckOne(TestEngines.Fast, Square(0, 0, 100), TestEngines.Layer("CZKFBJ", Square(-10, -10, 200)), "工业");
        Assert.Equal(Verdict.Pass, inside.Verdict);
        Assert.Equal("GEN-PASS-INSIDE", inside.RuleId);
        Assert.Equal(0, inside.OutsideAreaM2);

        // 0.02 m of the red line sticks out along one side: survey noise.
        var sliver = TestEngines.CheckOne(TestEngines.Fast, Square(0, 0, 100), TestEngines.Layer("CZKFBJ", Rect(0.02, -10, 200, 200)), "工业");
        Assert.Equal(Verdict.Pass, sliver.Verdict);
        Assert.True(sliver.EdgeContact);
        Assert.Equal(2, sliver.OutsideAreaM2!.Value, 6);

        // Completely outside: the whole red line is outside.
        var away = TestEngines.CheckOne(TestEngines.Fast, Square(0, 0, 100), TestEngines.Layer("CZKFBJ", Square(5000, 0, 100)), "工业");
        Assert.Equal(Verdict.Conflict, away.Verdict);
        Assert.Equal(10000, away.OutsideAreaM2!.Value, 9);
    }

    [Fact]
    public void Verdict_Overall_IsTheWorstLayerVerdictAndLayersFollowRuleOrder()
    {
        var snapshot = TestEngines.Snapshot(
            TestEngines.Layer("HX", Square(90, 0, 10)),
            TestEngines.Layer("LVX", Square(90, 0, 10)),
            TestEngines.Layer("STBHHX", Square(500, 0, 10)),
            TestEngines.Layer("CZKFBJ", Square(-10, -10, 200)));
        var request = new ComplianceRequest { ProjectCode = "2025-410100-48-01-000001", ProjectCategory = "交通" };
        var result = TestEngines.Fast.Check(RedLine.Create(Square(0, 0, 100), Srid), request, snapshot);
        Assert.Equal(["STBHHX", "CZKFBJ", "LVX", "HX"], result.Layers.Select(l => l.Code));
        Assert.Equal([Verdict.Pass, Verdict.Pass, Verdict.Warning, Verdict.Pass], result.Layers.Select(l => l.Verdict));
        Assert.Equal(Verdict.Warning, result.Verdict);
        Assert.Equal(request.ProjectCode, result.ProjectCode);
        Assert.Equal(["STBHHX", "CZKFBJ", "LVX", "HX"], result.Versions.Select(v => v.Code));
        Assert.Equal(10000, result.RedLine.AreaM2, 9);
        Assert.Equal(1, result.RedLine.ParcelCount);
    }

    [Fact]
    public void Check_RedLineInAnotherCrs_IsRefused()
    {
        var layer = TestEngines.Layer("STBHHX", Square(0, 0, 10));
        Assert.Throws<ArgumentException>(() =>
            TestEngines.Fast.Check(RedLine.Create(Square(0, 0, 10), 4546), new ComplianceRequest(), TestEngines.Snapshot(layer)));
    }
}
