using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Engines.Compliance.Rules;
using OneBlueprint.Engines.Tests.Support;
using static OneBlueprint.Engines.Tests.Support.Shapes;

namespace OneBlueprint.Engines.Tests.Compliance;

public class ComplianceRulesTests
{
    [Fact]
    public void Default_EmbeddedRules_CoverEveryControlLayer()
    {
        var rules = ComplianceRules.Default;
        Assert.Equal(["STBHHX", "YJJBNTBHTB", "CZKFBJ", "LX", "LVX", "ZX", "HX"], rules.Layers.Select(l => l.Code));
        Assert.Equal(1.0, rules.Tolerance.MinAreaM2);
        Assert.Equal(0.05, rules.Tolerance.MinMeanWidthM);
        Assert.Equal("KCXS", rules.ForLayer("YJJBNTBHTB").DeductionAttribute);
        Assert.Equal(LayerMeasure.Outside, rules.ForLayer("CZKFBJ").Measure);
        // The six classes of major projects allowed to occupy permanent farmland (自然资规〔2018〕3号).
        var major = rules.ForLayer("YJJBNTBHTB").Rules[0].Categories!;
        foreach (var c in new[] { "党中央国务院明确支持的重大建设项目", "军事国防", "交通", "能源", "水利", "国务院投资主管部门支持认可的交通能源水利基础设施" })
            Assert.Contains(c, major);
        Assert.Contains("1 平方米", rules.Outcomes.EdgeContact.Zh); // placeholders filled
        Assert.DoesNotContain("{", rules.Outcomes.EdgeContact.En);
    }

    [Fact]
    public void Load_DeploymentFile_ReplacesTheDefaults()
    {
        var json = """
        {
          "name": "Test city rules",
          "tolerance": { "minAreaM2": 200, "minMeanWidthM": 0.05 },
          "outcomes": {
            "noOverlap": { "id": "N", "verdict": "pass", "zh": "无", "en": "none" },
            "edgeContact": { "id": "E", "verdict": "pass", "zh": "接触 {minAreaM2}", "en": "contact below {minAreaM2} m²" },
            "inside": { "id": "I", "verdict": "pass", "zh": "内", "en": "inside" }
          },
          "defaultLayer": { "code": "*", "nameZh": "其他", "nameEn": "other", "rules": [ { "id": "D", "verdict": "conflict", "zh": "冲突", "en": "conflict" } ] },
          "layers": [
            { "code": "STBHHX", "nameZh": "生态", "nameEn": "eco", "rules": [ { "id": "S", "verdict": "warning", "zh": "警告", "en": "warning" } ] }
          ]
        }
        """;
        var path = Path.Combine(Path.GetTempPath(), $"ob-rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var rules = ComplianceRules.LoadOrDefault(path);
            Assert.Equal("contact below 200 m²", rules.Outcomes.EdgeContact.En);
            var engine = new ComplianceEngine(rules);
            // 100 m² of overlap is below this deployment's 200 m² tolerance.
            var small = TestEngines.CheckOne(engine, Square(0, 0, 100), TestEngines.Layer("STBHHX", Square(90, 0, 10)));
            Assert.Equal("E", small.RuleId);
            var large = TestEngines.CheckOne(engine, Square(0, 0, 100), TestEngines.Layer("STBHHX", Square(50, 0, 50)));
            Assert.Equal((Verdict.Warning, "S"), (large.Verdict, large.RuleId));
            var other = TestEngines.CheckOne(engine, Square(0, 0, 100), TestEngines.Layer("LX", Square(50, 0, 50)));
            Assert.Equal((Verdict.Conflict, "D", "其他"), (other.Verdict, other.RuleId, other.NameZh));
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Same(ComplianceRules.Default, ComplianceRules.LoadOrDefault(null));
    }

    [Fact]
    public void Parse_LastRuleLimitedToCategories_IsRefusedNamingTheLayer()
    {
        var json = """
        {
          "name": "bad",
          "outcomes": {
            "noOverlap": { "id": "N", "verdict": "pass", "zh": "无", "en": "none" },
            "edgeContact": { "id": "E", "verdict": "pass", "zh": "接触", "en": "contact" },
            "inside": { "id": "I", "verdict": "pass", "zh": "内", "en": "inside" }
          },
          "defaultLayer": { "code": "*", "nameZh": "其他", "nameEn": "other", "rules": [ { "id": "D", "verdict": "warning", "zh": "警告", "en": "warning" } ] },
          "layers": [
            { "code": "LX", "nameZh": "蓝线", "nameEn": "blue", "rules": [ { "id": "N", "verdict": "warning", "categories": ["水利"], "zh": "警告", "en": "warning" } ] }
          ]
        }
        """;
        var e = Assert.Throws<InvalidDataException>(() => ComplianceRules.Parse(json, "city.json"));
        Assert.Contains("city.json", e.Message);
        Assert.Contains("(LX): the last rule (N) must apply to every category", e.Message);
        Assert.Contains("id 'N' is used twice", e.Message);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("null")]
    [InlineData("""{ "name": "x", "layers": [] }""")]
    [InlineData("""{ "name": "x", "outcomes": { "noOverlap": { "id": "N", "verdict": "maybe", "zh": "a", "en": "b" } } }""")]
    public void Parse_MalformedDocument_ThrowsInvalidData(string json)
    {
        Assert.Throws<InvalidDataException>(() => ComplianceRules.Parse(json));
    }
}
