using System.Globalization;
using System.Text;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Server.Reports.Map;

namespace OneBlueprint.Server.Reports;

/// <summary>
/// Renders a compliance report (建设项目用地合规性审查报告) as one self-contained HTML page — inline CSS, the map as
/// inline SVG, no scripts, no external resources — that prints to A4 (<see cref="Pdf.PdfPrinter"/>) for a reviewer to sign.
/// <para>
/// Page 1: title, project, overall verdict, red line, map. Page 2: results per control layer and the overlapped
/// features. Page 3: the rules applied, the layer versions, notes and warnings, the sign-off block. Numbers are the
/// engine's, formatted by <see cref="ReportFormat"/>; every text from outside (project name, attributes, notes) is
/// escaped. Deterministic: the same model gives the same string (the clock is never read).
/// </para>
/// </summary>
public static class ComplianceReportHtml
{
    public const string TitleZh = "建设项目用地合规性审查报告";
    public const string TitleEn = "Compliance Review Report on Construction Project Land Use";

    /// <summary>At most this many rows in the overlapped-features table; the rest are counted in a last row.</summary>
    public const int MaxFeatureRows = 300;

    /// <summary>Attributes shown first in the features table when a feature has them (patch number, land class, place…).</summary>
    private static readonly string[] KeyAttributes =
        ["DKBH", "TBBH", "BSM", "DKMC", "MC", "NAME", "名称", "编号", "DLBM", "DLMC", "GHYT", "ZLDWMC", "XZQMC"];

    private const int MaxKeyAttributes = 4;

    public static string Render(ComplianceReportModel model, SvgMapOptions? mapOptions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.Result);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        // Defence in depth for user text: even if something slipped through escaping, no script runs and nothing loads.
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(TitleZh);
        if (!string.IsNullOrWhiteSpace(model.ProjectCode)) html.Append(" · ").Append(Html.Escape(model.ProjectCode));
        html.Append(" · ").Append(Html.Escape(model.CheckId)).Append("</title>\n");
        html.Append("<style>\n").Append(ReportStyles.Css).Append("\n</style>\n</head>\n<body>\n");

        Overview(html, model, mapOptions);
        Results(html, model);
        if (model.Assessment is { } assessment) Assessment(html, assessment);
        Basis(html, model);

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Overview(StringBuilder html, ComplianceReportModel model, SvgMapOptions? mapOptions)
    {
        var result = model.Result;
        html.Append("<section class=\"page overview\">\n<header class=\"title\">\n");
        html.Append("<h1>").Append(TitleZh).Append("</h1>\n");
        html.Append("<p class=\"subtitle\">").Append(TitleEn).Append("</p>\n");
        html.Append("<p class=\"meta\">审查编号 Check No. <span class=\"code\">").Append(Html.Escape(model.CheckId))
            .Append("</span> · 审查时间 ").Append(ReportFormat.Time(model.CreatedAt)).Append("</p>\n</header>\n");

        html.Append("<div class=\"blocks\">\n");
        // Project
        html.Append("<div class=\"block project\"><h3>项目信息 <span class=\"en\">Project</span></h3><table class=\"kv\">\n");
        Row(html, "项目代码", Html.Escape(Or(model.ProjectCode ?? result.ProjectCode)));
        Row(html, "项目名称", Html.Escape(Or(model.ProjectName)));
        Row(html, "项目类别", Html.Escape(Or(model.ProjectCategory ?? result.ProjectCategory)));
        Row(html, "审查发起", Html.Escape(Or(model.CreatedBy)));
        html.Append("</table></div>\n");

        // Verdict
        var counts = result.Layers.GroupBy(l => l.Verdict).ToDictionary(g => g.Key, g => g.Count());
        html.Append("<div class=\"block verdict-block\"><h3>审查结论 <span class=\"en\">Verdict</span></h3>\n");
        html.Append("<div class=\"badge big verdict-").Append(ReportFormat.VerdictEn(result.Verdict).Replace(' ', '-'))
            .Append("\" style=\"background:").Append(ReportFormat.VerdictColour(result.Verdict)).Append("\">")
            .Append(ReportFormat.VerdictZh(result.Verdict)).Append("</div>\n");
        html.Append("<div class=\"en\">").Append(ReportFormat.VerdictEn(result.Verdict).ToUpperInvariant()).Append("</div>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<p>共审查 {result.Layers.Count} 个控制线图层：冲突 {counts.GetValueOrDefault(Verdict.Conflict)} 个，需审批 {counts.GetValueOrDefault(Verdict.Warning)} 个，通过 {counts.GetValueOrDefault(Verdict.Pass)} 个。</p>\n");
        html.Append("</div>\n");

        // Red line
        var red = result.RedLine;
        html.Append("<div class=\"block redline\"><h3>项目用地红线 <span class=\"en\">Red line</span></h3><table class=\"kv\">\n");
        Row(html, "地块数", red.ParcelCount.ToString(CultureInfo.InvariantCulture));
        Row(html, "平面面积", $"{ReportFormat.SquareMetres(red.AreaM2)} m²<br><small>{ReportFormat.Hectares(red.AreaM2)} 公顷 · {ReportFormat.Mu(red.AreaM2)} 亩</small>");
        Row(html, "椭球面积", red.AreaEllipsoidalM2 is { } e
            ? $"{ReportFormat.SquareMetres(e)} m²<br><small>{ReportFormat.Hectares(e)} 公顷 · {ReportFormat.Mu(e)} 亩</small>"
            : "未计算 <small>(not computed)</small>");
        Row(html, "界线长度", $"{ReportFormat.Metres(red.BoundaryLengthM)} m");
        Row(html, "坐标系", string.Create(CultureInfo.InvariantCulture, $"EPSG:{red.Srid}") + (red.Repaired ? " · <b>已修复</b> <small>(repaired, see notes)</small>" : ""));
        html.Append("</table></div>\n</div>\n");

        html.Append("<figure class=\"map\">\n");
        html.Append(SvgMap.Render(model, mapOptions));
        html.Append("\n<figcaption>图 1　项目用地红线与控制线叠加图 <span class=\"en\">Red line over the control lines; hatched: the parts behind a conflict or an approval requirement</span></figcaption>\n");
        html.Append("</figure>\n</section>\n");
    }

    private static void Results(StringBuilder html, ComplianceReportModel model)
    {
        var result = model.Result;
        html.Append("<section class=\"page results\">\n");
        html.Append("<h2>一、各控制线审查结果 <span class=\"en\">Results per control line</span></h2>\n");
        html.Append("<table class=\"grid layers\">\n<thead>\n<tr>");
        html.Append("<th rowspan=\"2\">图层<br><span class=\"en\">Layer</span></th><th rowspan=\"2\">结论<br><span class=\"en\">Verdict</span></th>");
        html.Append("<th rowspan=\"2\">规则<br><span class=\"en\">Rule</span></th><th colspan=\"3\">重叠面积（平面）<span class=\"en\">Overlap, planar</span></th>");
        html.Append("<th rowspan=\"2\">椭球面积<br>m²</th><th rowspan=\"2\">占比<br><span class=\"en\">Share</span></th>");
        html.Append("<th rowspan=\"2\">扣除 / 界外面积<br><span class=\"en\">Net / outside</span></th></tr>\n");
        html.Append("<tr><th>m²</th><th>公顷 ha</th><th>亩</th></tr>\n</thead>\n<tbody>\n");
        foreach (var layer in result.Layers)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-layer=\"{Html.Escape(layer.Code)}\">");
            html.Append("<td>").Append(Html.Escape(layer.NameZh)).Append("<br><span class=\"code\">").Append(Html.Escape(layer.Code)).Append("</span></td>");
            html.Append("<td class=\"center\">").Append(Badge(layer.Verdict));
            if (layer.EdgeContact) html.Append("<br><small>边界接触</small>");
            html.Append("</td>");
            html.Append("<td class=\"code\">").Append(Html.Escape(layer.RuleId)).Append("</td>");
            html.Append("<td class=\"num\">").Append(ReportFormat.SquareMetres(layer.OverlapAreaM2)).Append("</td>");
            html.Append("<td class=\"num\">").Append(ReportFormat.Hectares(layer.OverlapAreaM2)).Append("</td>");
            html.Append("<td class=\"num\">").Append(ReportFormat.Mu(layer.OverlapAreaM2)).Append("</td>");
            html.Append("<td class=\"num\">").Append(layer.OverlapAreaEllipsoidalM2 is { } e ? ReportFormat.SquareMetres(e) : "—").Append("</td>");
            html.Append("<td class=\"num\">").Append(ReportFormat.Percent(layer.OverlapRatio)).Append("</td>");
            html.Append("<td class=\"num\">").Append(NetOrOutside(layer, result.RedLine.AreaM2)).Append("</td>");
            html.Append("</tr>\n");
        }
        if (result.Layers.Count == 0) html.Append("<tr><td colspan=\"9\">无控制线图层 (no control layers were checked)</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
        html.Append("<p class=\"en\">占比 = 重叠面积 / 红线面积；永久基本农田的扣除后面积 = Σ 重叠面积 × (1 − 扣除系数 KCXS)；城镇开发边界的界外面积 = 红线面积 − 界内面积。1 公顷 = 10,000 m²，1 亩 = 666.67 m²。</p>\n");

        html.Append("<h2>二、占用要素明细 <span class=\"en\">Overlapped features</span></h2>\n");
        var rows = result.Layers.SelectMany(l => l.Features.Select(f => (Layer: l, Feature: f))).ToArray();
        if (rows.Length == 0)
        {
            html.Append("<p>红线未占用任何控制线要素。<span class=\"en\">The red line overlaps no control feature.</span></p>\n");
        }
        else
        {
            html.Append("<table class=\"grid features\">\n<thead><tr><th>图层</th><th>要素 ID</th><th>关键属性 <span class=\"en\">Key attributes</span></th>");
            html.Append("<th>重叠面积</th><th>椭球面积 m²</th><th>扣除系数</th><th>扣除后面积 m²</th><th class=\"note\">备注</th></tr></thead>\n<tbody>\n");
            foreach (var (layer, feature) in rows.Take(MaxFeatureRows))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr data-layer=\"{Html.Escape(layer.Code)}\" data-feature=\"{feature.FeatureId}\">");
                html.Append("<td>").Append(Html.Escape(layer.NameZh)).Append("</td>");
                html.Append("<td class=\"num\">").Append(feature.FeatureId.ToString(CultureInfo.InvariantCulture)).Append("</td>");
                html.Append("<td>").Append(KeyAttributesOf(feature)).Append("</td>");
                html.Append("<td class=\"num\">").Append(ReportFormat.SquareMetres(feature.OverlapAreaM2)).Append(" m²<br><small>")
                    .Append(ReportFormat.Hectares(feature.OverlapAreaM2)).Append(" ha · ").Append(ReportFormat.Mu(feature.OverlapAreaM2)).Append(" 亩</small></td>");
                html.Append("<td class=\"num\">").Append(feature.OverlapAreaEllipsoidalM2 is { } e ? ReportFormat.SquareMetres(e) : "—").Append("</td>");
                html.Append("<td class=\"num\">").Append(feature.Deduction is { } k ? ReportFormat.Factor(k) : "—").Append("</td>");
                html.Append("<td class=\"num\">").Append(feature.NetAreaM2 is { } n ? ReportFormat.SquareMetres(n) : "—").Append("</td>");
                html.Append("<td>").Append(feature.EdgeContact ? "边界接触 <small>(edge contact)</small>" : "").Append("</td>");
                html.Append("</tr>\n");
            }
            if (rows.Length > MaxFeatureRows)
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td colspan=\"8\">另有 {rows.Length - MaxFeatureRows} 个要素未列出（见审查结果 JSON / GeoJSON 导出）。<span class=\"en\">{rows.Length - MaxFeatureRows} more features: see the check's JSON or GeoJSON export.</span></td></tr>\n");
            html.Append("</tbody>\n</table>\n");
        }
        html.Append("</section>\n");
    }

    /// <summary>区域评估成果复用: per item coverage and decision; what may go by 告知承诺, what needs its own assessment and why.</summary>
    private static void Assessment(StringBuilder html, ReportAssessment a)
    {
        html.Append("<section class=\"page assessment\">\n");
        html.Append("<h2>区域评估成果复用 <span class=\"en\">Regional assessment results the project may reuse</span></h2>\n");
        html.Append("<p>按 ").Append(Html.Escape(a.Date)).Append(" 有效的已发布成果判定；红线涉及评估区域：")
            .Append(a.Areas.Count == 0 ? "无" : Html.Escape(string.Join("、", a.Areas))).Append("。</p>\n");
        html.Append("<table class=\"grid assessment-items\">\n<thead><tr><th>评估事项 <span class=\"en\">Item</span></th><th>覆盖 <span class=\"en\">Coverage</span></th>");
        html.Append("<th>覆盖比例 <span class=\"en\">Share</span></th><th>结论 <span class=\"en\">Decision</span></th></tr></thead>\n<tbody>\n");
        foreach (var item in a.Items)
        {
            html.Append("<tr data-item=\"").Append(Html.Escape(item.Name)).Append("\"><td>").Append(Html.Escape(item.Name)).Append("</td><td>")
                .Append(item.Status switch { "fully-covered" => "全部覆盖", "partly-covered" => "部分覆盖", _ => "未覆盖" })
                .Append("</td><td class=\"num\">").Append((item.CoveredShare * 100).ToString("0.00", CultureInfo.InvariantCulture)).Append("%</td><td>")
                .Append(item.Decision == "may-reuse" ? "可复用（告知承诺等）" : "需自行评估").Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (a.MayReuse.Count > 0)
        {
            html.Append("<h3>可按简化方式办理 <span class=\"en\">May go by the simplified mode</span></h3>\n<ul>\n");
            foreach (var r in a.MayReuse)
            {
                html.Append("<li><b>").Append(Html.Escape(r.Name)).Append("</b>（").Append(Html.Escape(r.ModeZh)).Append("）");
                if (r.Approvals.Count > 0) html.Append("：").Append(Html.Escape(string.Join("、", r.Approvals)));
                if (r.Conditions.Count > 0) html.Append("；附加条件：").Append(Html.Escape(string.Join("；", r.Conditions)));
                html.Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        if (a.NeedOwnAssessment.Count > 0)
        {
            html.Append("<h3>仍需单独评估 <span class=\"en\">Still need their own assessment</span></h3>\n<ul>\n");
            foreach (var o in a.NeedOwnAssessment)
            {
                html.Append("<li><b>").Append(Html.Escape(o.Name)).Append("</b>");
                if (o.Approvals.Count > 0) html.Append("（").Append(Html.Escape(string.Join("、", o.Approvals))).Append("）");
                html.Append("：").Append(Html.Escape(o.Reason)).Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("</section>\n");
    }

    private static void Basis(StringBuilder html, ComplianceReportModel model)
    {
        var result = model.Result;
        html.Append("<section class=\"page basis\">\n");
        html.Append("<h2>三、审查规则 <span class=\"en\">Rules applied</span></h2>\n");
        html.Append("<p>规则集 <span class=\"en\">Rules set</span>：").Append(Html.Escape(model.RulesTitle ?? result.RulesName));
        if (!string.IsNullOrWhiteSpace(model.RulesSetId)) html.Append(" <span class=\"code\">[").Append(Html.Escape(model.RulesSetId)).Append("]</span>");
        html.Append("</p>\n");
        foreach (var rule in result.Layers.GroupBy(l => l.RuleId, StringComparer.Ordinal))
        {
            var first = rule.First();
            html.Append("<div class=\"rule\"><span class=\"code\">").Append(Html.Escape(rule.Key)).Append("</span> ")
                .Append(Badge(first.Verdict)).Append(" <small>适用图层：")
                .Append(Html.Escape(string.Join("、", rule.Select(l => l.NameZh)))).Append("</small>");
            html.Append("<p>").Append(Html.Escape(first.RuleText.Zh)).Append("</p>");
            html.Append("<p class=\"en\">").Append(Html.Escape(first.RuleText.En)).Append("</p></div>\n");
        }
        if (result.Layers.Count == 0) html.Append("<p>无。</p>\n");

        html.Append("<h2>四、数据版本 <span class=\"en\">Layer versions used</span></h2>\n");
        html.Append("<table class=\"grid versions\">\n<thead><tr><th>图层</th><th>代码</th><th>版本</th><th>版本 ID</th><th>生效日期</th><th>导入时间</th></tr></thead>\n<tbody>\n");
        foreach (var used in result.Versions)
        {
            var name = result.Layers.FirstOrDefault(l => l.Code == used.Code)?.NameZh ?? used.Code;
            var info = model.LayerVersions.FirstOrDefault(v => v.Code == used.Code && v.LayerVersionId == used.LayerVersionId)
                       ?? model.LayerVersions.FirstOrDefault(v => v.Code == used.Code);
            html.Append(CultureInfo.InvariantCulture, $"<tr data-layer=\"{Html.Escape(used.Code)}\">");
            html.Append("<td>").Append(Html.Escape(name)).Append("</td><td class=\"code\">").Append(Html.Escape(used.Code)).Append("</td>");
            html.Append("<td class=\"center\">").Append(info is null ? "—" : "v" + info.Version.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            html.Append("<td class=\"num\">").Append(used.LayerVersionId.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            html.Append("<td class=\"center\">").Append(info?.EffectiveDate is { } d ? ReportFormat.Date(d) : "—").Append("</td>");
            html.Append("<td class=\"center\">").Append(info is null ? "—" : ReportFormat.Time(info.ImportedAt)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        html.Append("<h2>五、说明与警告 <span class=\"en\">Notes and warnings</span></h2>\n");
        var notes = result.Notes
            .Concat(result.Layers.SelectMany(l => l.Notes.Select(n => $"[{l.NameZh} {l.Code}] {n}")))
            .Concat(model.Notes)
            .ToArray();
        if (notes.Length == 0) html.Append("<p>无。<span class=\"en\">None.</span></p>\n");
        else
        {
            html.Append("<ul class=\"notes\">\n");
            foreach (var note in notes) html.Append("<li>").Append(Html.Escape(note)).Append("</li>\n");
            html.Append("</ul>\n");
        }

        html.Append("<h2>六、审查签署 <span class=\"en\">Sign-off</span></h2>\n<div class=\"signoff\">\n");
        html.Append("<div class=\"opinion\">审查意见 <span class=\"en\">Reviewer's opinion</span></div>\n");
        html.Append("<table><tr><th>审查人<br><span class=\"en\">Reviewer</span></th><td></td><th>日期<br><span class=\"en\">Date</span></th><td></td>");
        html.Append("<th>签字<br><span class=\"en\">Signature</span></th><td></td></tr></table>\n</div>\n");

        html.Append("<footer>本报告由 OneBlueprint 一张蓝图系统根据审查记录 <span class=\"code\">").Append(Html.Escape(model.CheckId))
            .Append("</span> 生成；审查时间 ").Append(ReportFormat.Time(model.CreatedAt));
        if (model.GeneratedAt is { } generated) html.Append("；报告生成时间 ").Append(ReportFormat.Time(generated));
        html.Append("。面积为工作坐标系平面面积与 CGCS2000 椭球面积。<br><span class=\"en\">Generated by OneBlueprint from the stored check; areas are planar in the working CRS and ellipsoidal on CGCS2000.</span></footer>\n");
        html.Append("</section>\n");
    }

    private static string NetOrOutside(LayerCompliance layer, double redLineArea)
    {
        if (layer.NetAreaM2 is { } net)
            return $"扣除后 {ReportFormat.SquareMetres(net)} m²<br><small>{ReportFormat.Hectares(net)} ha · {ReportFormat.Mu(net)} 亩</small>";
        if (layer.OutsideAreaM2 is { } outside)
        {
            var share = redLineArea > 0 ? " · " + ReportFormat.Percent(outside / redLineArea) : "";
            var ellipsoidal = layer.OutsideAreaEllipsoidalM2 is { } e ? $"<br><small>椭球 {ReportFormat.SquareMetres(e)} m²</small>" : "";
            return $"界外 {ReportFormat.SquareMetres(outside)} m²<br><small>{ReportFormat.Hectares(outside)} ha · {ReportFormat.Mu(outside)} 亩{share}</small>{ellipsoidal}";
        }
        return "—";
    }

    private static string KeyAttributesOf(FeatureOverlap feature)
    {
        var attributes = feature.Attributes;
        if (attributes.Count == 0) return "—";
        var keys = KeyAttributes.Where(attributes.ContainsKey).Take(MaxKeyAttributes).ToList();
        if (keys.Count == 0) keys = attributes.Keys.Where(k => k != "KCXS").Take(3).ToList();
        var sb = new StringBuilder();
        foreach (var key in keys)
            sb.Append("<span class=\"attr\"><b>").Append(Html.Escape(key)).Append("</b> ").Append(Html.Escape(Value(attributes[key]))).Append("</span>");
        return sb.Length == 0 ? "—" : sb.ToString();
    }

    private static string Value(object? value) => value switch
    {
        null => "—",
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        float f => f.ToString("0.######", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Badge(Verdict verdict) =>
        $"<span class=\"badge\" style=\"background:{ReportFormat.VerdictColour(verdict)}\">{ReportFormat.VerdictZh(verdict)}</span>";

    private static void Row(StringBuilder html, string label, string valueHtml) =>
        html.Append("<tr><th>").Append(label).Append("</th><td>").Append(valueHtml).Append("</td></tr>\n");

    private static string Or(string? text) => string.IsNullOrWhiteSpace(text) ? "—" : text;
}
