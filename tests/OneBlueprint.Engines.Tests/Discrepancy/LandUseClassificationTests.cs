using OneBlueprint.Engines.Discrepancy.Classification;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Engines.Tests.Discrepancy;

public sealed class LandUseClassificationTests
{
    [Theory]
    [InlineData("211", "建设用地")]          // 城镇用地
    [InlineData("212", "建设用地")]          // 农村居民点用地
    [InlineData("226", "建设用地")]          // 水库水面 counts as 交通水利用地 in 土规
    [InlineData(" 2110 ", "建设用地")]       // database code, by its first digit
    [InlineData("城镇用地", "建设用地")]      // by name
    [InlineData("村庄", "建设用地")]          // older table's name
    [InlineData("111", "非建设用地")]        // 水田
    [InlineData("155", "非建设用地")]        // 田坎
    [InlineData("313", "非建设用地")]        // 滩涂
    [InlineData("0101", LandUseClassification.UnclassifiedName)] // 三调 DLBM is not a 规划地类
    [InlineData("", LandUseClassification.UnclassifiedName)]
    public void LandUsePlan_ClassifiesTdghdlCodes(string value, string expected) =>
        Assert.Equal(expected, LandUseClassification.LandUsePlan.Classify(value).Name);

    [Theory]
    [InlineData("R2", true)]
    [InlineData("r21", true)]
    [InlineData("A33", true)]
    [InlineData("U11", true)]
    [InlineData("G1", true)]
    [InlineData("H14", true)]
    [InlineData("S4", true)]
    [InlineData("E1", false)]
    [InlineData("E12", false)]  // 水库 is 非建设用地 in GB 50137 (a classic 两规 difference)
    [InlineData("E2", false)]
    [InlineData("农林用地", false)]
    public void UrbanPlan_ClassifiesGb50137Codes(string value, bool construction) =>
        Assert.Equal(construction, LandUseClassification.UrbanPlan.Classify(value).Construction);

    [Fact]
    public void UrbanPlan_UnknownCode_IsUnclassifiedWithoutConstructionFlag()
    {
        var c = LandUseClassification.UrbanPlan.Classify("X9");
        Assert.Equal(LandUseClassification.UnclassifiedName, c.Name);
        Assert.Null(c.Construction);
        Assert.True(LandUseClassification.UrbanPlan.IsUnclassified(c));
    }

    [Fact]
    public void AsIs_ClassIsTheValue_NumbersInInvariantForm()
    {
        var asIs = LandUseClassification.AsIs;
        Assert.Equal("211", asIs.Classify(211.0).Name);
        Assert.Equal("211", asIs.Classify(211L).Name);
        Assert.Equal("0102", asIs.Classify(" 0102 ").Name);
        Assert.Equal(LandUseClassification.EmptyValueName, asIs.Classify(null).Name);
        Assert.Null(asIs.Classify("R2").Construction);
    }

    [Fact]
    public void Parse_OwnTable_ExactCodesBeforeLongestPrefix()
    {
        var c = LandUseClassification.Parse("""
            { "name": "test", "classes": [ {"name": "建设", "construction": true}, {"name": "农业", "construction": false}, {"name": "水"} ],
              "values": [ {"code": "E12", "class": "建设"} ],
              "prefixes": [ {"prefix": "E", "class": "农业"}, {"prefix": "E1", "class": "水"} ] }
            """);
        Assert.Equal("建设", c.Classify("E12").Name);
        Assert.Equal("水", c.Classify("E11").Name);
        Assert.Equal("农业", c.Classify("E2").Name);
        Assert.Null(c.Classify("E13").Construction);
    }

    [Fact]
    public void Parse_UnknownClass_SaysWhatAndHowToFix()
    {
        var e = Assert.Throws<InputException>(() => LandUseClassification.Parse("""
            { "name": "bad", "classes": [ {"name": "建设用地"} ], "values": [ {"code": "211", "class": "城镇"} ] }
            """, "mine.json"));
        var p = Assert.Single(e.Problems);
        Assert.Equal("classification.invalid", p.Code);
        Assert.Contains("'城镇'", p.What);
        Assert.Equal("mine.json", p.Where?.File);
        Assert.Contains("classes", p.HowToFix);
    }

    [Fact]
    public void Parse_NotJson_IsAnInputProblem()
    {
        var e = Assert.Throws<InputException>(() => LandUseClassification.Parse("{ nope", "x.json"));
        Assert.Equal("classification.invalid", e.Problems[0].Code);
    }

    [Fact]
    public void LoadPair_FileWithAandB_GivesEachPlanItsTable()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                { "a": { "name": "A", "classes": [ {"name": "x"} ], "prefixes": [ {"prefix": "1", "class": "x"} ] },
                  "b": { "name": "B", "classes": [ {"name": "y"} ], "prefixes": [ {"prefix": "1", "class": "y"} ] } }
                """);
            var (a, b) = LandUseClassification.LoadPair(path);
            Assert.Equal("x", a.Classify("10").Name);
            Assert.Equal("y", b.Classify("10").Name);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
