using System.Text.RegularExpressions;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Server.Reports;
using OneBlueprint.Server.Tests.Reports.Support;

namespace OneBlueprint.Server.Tests.Reports;

/// <summary>The report page against the hand-computed areas of <see cref="ReportSample"/> (numbers written the way ReportFormat documents).</summary>
public class ComplianceReportHtmlTests
{
    private static readonly ComplianceReportModel Model = ReportSample.Model();
    private static readonly string Page = ComplianceReportHtml.Render(Model);

    private static string Row(string table, string code)
    {
        var section = Regex.Match(Page, $"<table class=\"grid {table}\">(.*?)</table>", RegexOptions.Singleline);
        Assert.True(section.Success, $"table {table} missing");
        var row = Regex.Match(section.Groups[1].Value, $"<tr data-layer=\"{code}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"row {code} missing in table {table}");
        return row.Groups[1].Value;
    }

    private static string[] Cells(string row) =>
        Regex.Matches(row, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();

    [Fact]
    public void Html_TitleProjectAndVerdict()
    {
        Assert.StartsWith("<!DOCTYPE html>", Page);
        Assert.Contains("<html lang=\"zh-CN\">", Page);
        Assert.Contains("<meta charset=\"utf-8\">", Page);
        Assert.Contains("<h1>建设项目用地合规性审查报告</h1>", Page);
        Assert.Contains("Compliance Review Report", Page);
        Assert.Contains("2025-410100-48-01-000123", Page);
        Assert.Contains("CHK-000042", Page);
        // 2025-06-01 02:03:04 UTC is 10:03:04 in China.
        Assert.Contains("2025-06-01 10:03:04 (UTC+8)", Page);
        Assert.Equal(Verdict.Conflict, Model.Result.Verdict);
        Assert.Matches("<div class=\"badge big verdict-conflict\"[^>]*>冲突</div>", Page);
        Assert.Contains("冲突 1 个，需审批 2 个，通过 1 个", Page);
    }

    [Fact]
    public void Html_RedLineBlockHasHandComputedAreas()
    {
        // 250 × 250 − 50 × 50 = 60,000 m² = 6 ha = 90 亩; boundary 4 × 250 + 4 × 50 = 1,200 m.
        var block = Regex.Match(Page, "<div class=\"block redline\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("60,000.00 m²", block);
        Assert.Contains("6.0000 公顷", block);
        Assert.Contains("90.00 亩", block);
        Assert.Contains("1,200.00 m", block);
        Assert.Contains("EPSG:4547", block);
        // The ellipsoidal area is the engine's; on the central meridian it is within 0.1% of the planar one.
        var ellipsoidal = Model.Result.RedLine.AreaEllipsoidalM2!.Value;
        Assert.InRange(ellipsoidal / 60_000, 0.999, 1.001);
        Assert.Contains(ReportFormat.SquareMetres(ellipsoidal) + " m²", block);
    }

    [Theory]
    //         code          verdict  rule                              m²          ha        亩      share    last column
    [InlineData("STBHHX", "冲突", "STBHHX-CONFLICT-OCCUPY", "2,500.00", "0.2500", "3.75", "4.17%", "—")]
    [InlineData("YJJBNTBHTB", "需审批", "YJJBNTBHTB-WARN-MAJOR-PROJECT", "15,000.00", "1.5000", "22.50", "25.00%", "扣除后 14,500.00 m²")]
    [InlineData("CZKFBJ", "需审批", "CZKFBJ-WARN-OUTSIDE", "52,500.00", "5.2500", "78.75", "87.50%", "界外 7,500.00 m²")]
    [InlineData("LX", "通过", "GEN-PASS-NO-OVERLAP", "0.00", "0.0000", "0.00", "0.00%", "—")]
    public void Html_LayerTableHasHandComputedAreas(string code, string verdict, string rule, string m2, string ha, string mu, string share, string last)
    {
        var cells = Cells(Row("layers", code));
        Assert.Equal(9, cells.Length);
        Assert.Contains(code, cells[0]);
        Assert.Contains($">{verdict}</span>", cells[1]);
        Assert.Equal(rule, cells[2]);
        Assert.Equal(m2, cells[3]);
        Assert.Equal(ha, cells[4]);
        Assert.Equal(mu, cells[5]);
        Assert.Equal(share, cells[7]);
        Assert.StartsWith(last, cells[8]);

        var layer = Model.Result.Layers.Single(l => l.Code == code);
        Assert.Equal(ReportFormat.SquareMetres(layer.OverlapAreaEllipsoidalM2!.Value), cells[6]);
        if (layer.OverlapAreaM2 > 0) Assert.InRange(layer.OverlapAreaEllipsoidalM2!.Value / layer.OverlapAreaM2, 0.999, 1.001);
    }

    [Fact]
    public void Html_OutsideColumnGivesShareOfRedLine()
    {
        Assert.Contains("0.7500 ha · 11.25 亩 · 12.50%", Row("layers", "CZKFBJ"));
    }

    [Fact]
    public void Html_FeatureTableListsOverlappedFeaturesWithDeduction()
    {
        var table = Regex.Match(Page, "<table class=\"grid features\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        var farmland1 = Regex.Match(table, "<tr data-layer=\"YJJBNTBHTB\" data-feature=\"101\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("JBNT-001", farmland1);
        Assert.Contains("水田", farmland1);
        Assert.Contains("10,000.00 m²", farmland1);
        Assert.Contains(">0.05<", farmland1);
        Assert.Contains(">9,500.00<", farmland1); // 10,000 × (1 − 0.05)
        var farmland2 = Regex.Match(table, "<tr data-layer=\"YJJBNTBHTB\" data-feature=\"102\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("5,000.00 m²", farmland2);
        Assert.Contains("&lt;b&gt;JBNT-002&lt;/b&gt;", farmland2);
        Assert.Contains("data-feature=\"201\"", table);
        Assert.DoesNotContain("data-feature=\"103\"", table); // not overlapped
    }

    [Fact]
    public void Html_RulesVersionsNotesAndSignOff()
    {
        Assert.Contains("生态保护红线内原则上禁止开发性、生产性建设活动", Page);
        Assert.Contains("[default-rules.json]", Page);
        Assert.Contains(Model.Result.RulesName, Page);

        var versions = Cells(Row("versions", "STBHHX"));
        Assert.Equal(["生态保护红线", "STBHHX", "v3", "11", "2024-12-31", "2025-01-02 09:30:00 (UTC+8)"], versions);
        var urban = Cells(Row("versions", "CZKFBJ"));
        Assert.Equal("—", urban[4]);
        Assert.Equal("2024-11-20 08:00:00 (UTC+8)", urban[5]);

        Assert.Contains("申报面积 6.0100 公顷", Page);
        Assert.Contains("审查人", Page);
        Assert.Contains("签字", Page);
        Assert.Contains("日期", Page);
        Assert.Contains("报告生成时间 2025-06-01 10:05:00 (UTC+8)", Page);
    }

    [Fact]
    public void Html_EscapesUserInput()
    {
        Assert.DoesNotContain("<script", Page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", Page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>JBNT", Page);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;郑州 &amp; Co &quot;东区&quot; 物流园", Page);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", Page);
    }

    [Fact]
    public void Html_IsSelfContained()
    {
        var withoutNamespace = Page.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        Assert.DoesNotContain("http:", withoutNamespace);
        Assert.DoesNotContain("https:", withoutNamespace);
        Assert.DoesNotContain("<link", Page);
        Assert.DoesNotContain("@import", Page);
        Assert.DoesNotContain(" src=", Page.Replace("&lt;img src=", ""));
        Assert.Contains("font-family: \"Noto Sans CJK SC\", \"Noto Serif CJK SC\", sans-serif", Page);
        Assert.Contains("size: A4", Page);
    }

    [Fact]
    public void Html_MapIsInlineSvgWithRedLineAndLayers()
    {
        Assert.Single(Regex.Matches(Page, "<svg "));
        Assert.Contains("<path class=\"red-line\"", Page);
        foreach (var code in new[] { "STBHHX", "YJJBNTBHTB", "CZKFBJ", "LX" })
            Assert.Contains($"<g class=\"layer\" data-layer=\"{code}\"", Page);
    }

    [Fact]
    public void Html_EmptyCheckAndInvalidContextStillRender()
    {
        var empty = ReportSample.Factory.CreatePolygon();
        var result = Engines.Compliance.ComplianceEngine.Default.Check(
            Engines.Compliance.RedLine.Create(empty, ReportSample.Srid), new Engines.Compliance.ComplianceRequest(), Engines.Indexing.BlueprintSnapshot.Empty);
        var bowTie = ReportSample.Factory.CreatePolygon(
        [
            new(ReportSample.X0, ReportSample.Y0), new(ReportSample.X0 + 100, ReportSample.Y0 + 100),
            new(ReportSample.X0 + 100, ReportSample.Y0), new(ReportSample.X0, ReportSample.Y0 + 100), new(ReportSample.X0, ReportSample.Y0),
        ]);
        Assert.False(bowTie.IsValid);
        var model = ReportSample.Model() with
        {
            Result = result,
            RedLine = empty,
            ProjectName = null,
            MapLayers = [new ReportMapLayer("STBHHX", "生态保护红线", LayerStyle.Default, [new ReportMapFeature(1, bowTie, "自相交")])],
        };
        var page = ComplianceReportHtml.Render(model);
        Assert.Contains("无控制线图层", page);
        Assert.Contains("红线未占用任何控制线要素", page);
        Assert.Contains("the blueprint snapshot has no control layers", page);
        Assert.Contains("data-id=\"1\"", page);
    }

    [Fact]
    public void Html_SameModelSamePage()
    {
        Assert.Equal(Page, ComplianceReportHtml.Render(ReportSample.Model()));
    }
}
