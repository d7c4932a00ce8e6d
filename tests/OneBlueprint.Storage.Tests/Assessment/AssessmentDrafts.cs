using System.Text;
using OneBlueprint.Geo.Features;
using OneBlueprint.Storage.Assessment;
using OneBlueprint.Storage.Tests.Support;

namespace OneBlueprint.Storage.Tests.Assessment;

/// <summary>Assessment areas to import in the storage tests: rectangles in EPSG:4547 around Zhengzhou, or the same in lon/lat.</summary>
internal static class AssessmentDrafts
{
    public static readonly DateOnly Today = new(2026, 11, 24);

    /// <summary>A small but real PDF (the header is what the store checks; the rest keeps pdf readers happy).</summary>
    public static byte[] Pdf(string text = "demo") => Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% {text}\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static FeatureSet Rect(double x, double y, double width, double height, string name = "area.geojson") =>
        Features(name, $"POLYGON (({x} {y}, {x + width} {y}, {x + width} {y + height}, {x} {y + height}, {x} {y}))");

    public static FeatureSet Features(string name, params string[] wkts)
    {
        var set = new FeatureSet { Srid = 4547, Name = name };
        foreach (var wkt in wkts) set.Features.Add(new GeoFeature(Wkt.Read(wkt, 4547)));
        return set;
    }

    public static AssessmentItemDraft Item(string code, string name, string from, string? to, string mode = AssessmentModes.NotifyAndCommit,
        params DocumentDraft[] documents) =>
        new(code, name, DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to), mode, [$"{name}审批"],
            Conclusions: $"{name}结论：适宜建设", Conditions: "按评估结论落实管控要求", IssuingBody: "郑州市自然资源和规划局",
            ApprovedOn: DateOnly.Parse(from), Documents: documents);

    public static AssessmentAreaDraft Area(string unitCode, FeatureSet features, params AssessmentItemDraft[] items) =>
        new(unitCode, $"测试区域{unitCode}", "测试范围", features, items);

    public static AssessmentImportRequest Request(bool publish = false, bool allowOverlap = false, bool allowExpired = false, int? srid = null) =>
        new("gis-admin", Today, "area.geojson", new string('b', 64), srid, publish, allowOverlap, allowExpired, "测试");
}
