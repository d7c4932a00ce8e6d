using OneBlueprint.Engines.Assessment.Catalogue;

namespace OneBlueprint.Engines.Tests.Assessment;

public sealed class AssessmentItemCatalogueTests
{
    [Fact]
    public void Default_ListsTheSevenNationalItems()
    {
        var names = AssessmentItemCatalogue.Default.Items.Select(i => i.NameZh).ToArray();
        Assert.Equal(["压覆重要矿产资源", "环境影响评价", "节能评价", "地质灾害危险性评估", "地震安全性评价", "水资源论证", "文物考古调查勘探"], names);
        Assert.All(AssessmentItemCatalogue.Default.Items, i => Assert.NotEmpty(i.StandardApprovals));
    }

    [Theory]
    [InlineData("HJYX", "HJYX")]
    [InlineData("hjyx", "HJYX")]
    [InlineData("环境影响评价", "HJYX")]
    [InlineData("环评", "HJYX")]
    [InlineData(" 地灾 ", "DZZH")]
    [InlineData("Seismic safety evaluation", "DZAQ")]
    public void Resolve_FindsCodesNamesAndAliases(string text, string code) =>
        Assert.Equal(code, AssessmentItemCatalogue.Default.Resolve(text)?.Code);

    [Fact]
    public void Resolve_UnknownName_IsNull() => Assert.Null(AssessmentItemCatalogue.Default.Resolve("交通影响评价"));

    [Fact]
    public void Load_AFileOverridesTheDefaults()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                { "name": "本市", "items": [ { "code": "JTYX", "nameZh": "交通影响评价", "nameEn": "Traffic impact assessment",
                  "standardApprovals": ["交通影响评价审查"] } ] }
                """);
            var catalogue = AssessmentItemCatalogue.LoadOrDefault(path);
            Assert.Equal("JTYX", Assert.Single(catalogue.Items).Code);
            Assert.Null(catalogue.Find("HJYX"));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("""{ "name": "x", "items": [] }""", "empty")]
    [InlineData("""{ "name": "x", "items": [ { "code": "A", "nameZh": "甲", "nameEn": "a" }, { "code": "a", "nameZh": "乙", "nameEn": "b" } ] }""", "twice")]
    [InlineData("""{ "name": "x", "items": [ { "code": "A B", "nameZh": "甲", "nameEn": "a" } ] }""", "ASCII")]
    [InlineData("""{ "name": "x", "items": [ { "code": "A" } ] }""", "nameZh")]
    [InlineData("""{ "name": """, "not a valid")]
    public void Parse_BadCatalogue_SaysWhatIsWrong(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => AssessmentItemCatalogue.Parse(json, "test.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("test.json", e.Message);
    }
}
