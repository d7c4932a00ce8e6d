using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// The demo city's regional assessment, synthetic: four development zones with real names (郑州经济技术开发区,
/// 郑州高新技术产业开发区, 郑州航空港经济综合实验区, 郑东新区) and invented outlines near their real places, and six
/// assessment-area versions over them, clipped to the 城镇开发边界:
/// <list type="bullet">
/// <item>410100QY001 经开区第一片区: 地质灾害 valid, 环评 expired 2025-06-30 (recorded as history), 压覆矿产 免于评估, 地震 简化;</item>
/// <item>410100QY002 经开区第二片区: overlaps QY001 on an 800 m strip; a newer valid 地质灾害 result (the overlap is
/// deliberate: coverage uses the most recent and says so), a valid 环评 that starts after QY001's ended, 节能;</item>
/// <item>410100QY003 高新区, two versions: v1 (smaller, older results) superseded by v2 (all seven items; 水资源论证
/// ending 2027-01-31, inside 90 days of late 2026);</item>
/// <item>410100QY004 航空港区北区: 环评, 文物, 水资源 valid, 节能 expired 2024-12-31;</item>
/// <item>410100QY005 郑东新区龙湖片区: a draft, never published (invisible to the public).</item>
/// </list>
/// Deterministic: shapes come from the seed, dates are fixed (nothing reads the clock). Every document is a small
/// real PDF saying it is synthetic.
/// </summary>
public static class AssessmentAreas
{
    private sealed record Zone(string Code, string Name, string Kind, double Lon, double Lat, double RadiusMetres, double Aspect, double Rotation);

    private static readonly Zone[] ZoneSites =
    [
        new("KFQ-JK", "郑州经济技术开发区", "国家级经济技术开发区", 113.785, 34.715, 4_200, 1.3, 0.4),
        new("KFQ-GX", "郑州高新技术产业开发区", "国家级高新技术产业开发区", 113.560, 34.815, 3_600, 1.2, -0.3),
        new("KFQ-HKG", "郑州航空港经济综合实验区", "国家级新区（实验区）", 113.835, 34.530, 5_200, 1.1, 0.2),
        new("KFQ-ZD", "郑东新区", "省级新区", 113.745, 34.780, 2_800, 1.2, 0.0),
    ];

    private const string Bureau = "郑州市自然资源和规划局（示意）";
    private const string Synthetic = "合成演示数据，不代表真实区域评估成果。";

    public static DemoAssessment Build(DemoCity city)
    {
        var factory = city.Boundary.Factory;
        var noise = new Noise(StableHash.Combine(StableHash.Of("assessment.zones"), city.Seed));
        var boundary = factory.BuildGeometry(city.Layers[LayerCodes.UrbanBoundary].Features.Select(f => f.Geometry).ToArray()).Union();

        var zones = new FeatureSet { Srid = DemoCity.Srid, Name = "development-zones" };
        var shapes = new Dictionary<string, Geometry>(StringComparer.Ordinal);
        Geometry taken = factory.CreatePolygon();
        foreach (var z in ZoneSites)
        {
            var blob = new PolarBlob(WorkingCrs.FromLonLat(z.Lon, z.Lat), z.RadiusMetres, 96, 0.18, z.Aspect, z.Rotation, 4, 1.2).ToPolygon(factory, noise);
            var shape = Clean(blob.Intersection(city.Boundary).Difference(taken));
            taken = taken.Union(shape);
            shapes[z.Code] = shape;
            var f = new GeoFeature(shape) { Id = z.Code };
            f.Attributes[DemoAssessment.ZoneCodeField] = z.Code;
            f.Attributes[DemoAssessment.ZoneNameField] = z.Name;
            f.Attributes[DemoAssessment.ZoneKindField] = z.Kind;
            f.Attributes["MJ"] = Math.Round(Geo.Spatial.AreaUnits.ToHectares(shape.Area), 2);
            f.Attributes[Provenance.SourceAttribute] = Provenance.SyntheticLabel;
            zones.Features.Add(f);
        }
        Provenance.MarkSynthetic(zones, "development zones with real names and invented outlines (noisy ellipses near their real places), for regional-assessment statistics");

        var jk = shapes["KFQ-JK"].Intersection(boundary);
        var cx = jk.Centroid.X;
        var west = Clean(jk.Intersection(HalfPlane(factory, jk.EnvelopeInternal, maxX: cx + 400)));
        var east = Clean(jk.Intersection(HalfPlane(factory, jk.EnvelopeInternal, minX: cx - 400)));
        var gx = Clean(shapes["KFQ-GX"].Intersection(boundary));
        var gxOld = Clean(gx.Intersection(new PolarBlob(gx.Centroid.Coordinate, 2_400, 64, 0.15, 1.2, 0.5, 3, 1.0).ToPolygon(factory, noise)));
        var hkg = shapes["KFQ-HKG"].Intersection(boundary);
        var hkgNorth = Clean(hkg.Intersection(HalfPlane(factory, hkg.EnvelopeInternal, minY: hkg.Centroid.Y)));
        var zd = Clean(shapes["KFQ-ZD"].Intersection(boundary));

        var areas = new List<DemoAssessmentArea>
        {
            Area("410100QY001", "郑州经开区第一片区区域评估", "Zhengzhou ETDZ area 1", "郑州经济技术开发区西部，第一片区规划范围（城镇开发边界内）", west,
                publish: true, allowOverlap: false, allowExpired: true, "valid 地质灾害 with an expired 环评 (the must-show case)",
                ("DZZH", "2024-03-01", "2029-02-28", "告知承诺", "场地地质灾害危险性小，适宜建设。", "按评估报告落实地面沉降监测。"),
                ("HJYX", "2019-07-01", "2025-06-30", "告知承诺", "规划环评结论：环境可行。", "按规划环评落实污染物总量控制。"),
                ("YFKC", "2023-05-01", "2028-04-30", "免于评估", "范围内未压覆已查明重要矿产资源。", ""),
                ("DZAQ", "2024-03-01", "2029-02-28", "简化", "抗震设防烈度Ⅶ度，设计基本地震加速度0.15g。", "按Ⅶ度设防，重大工程另行评价。")),
            Area("410100QY002", "郑州经开区第二片区区域评估", "Zhengzhou ETDZ area 2", "郑州经济技术开发区东部，第二片区规划范围（与第一片区交界处重叠约800米）", east,
                publish: true, allowOverlap: true, allowExpired: false, "overlaps QY001 on 地质灾害 (newer result used there)",
                ("DZZH", "2025-05-01", "2030-04-30", "告知承诺", "场地地质灾害危险性小至中等，采取措施后适宜建设。", "落实边坡防护措施。"),
                ("HJYX", "2025-08-01", "2030-07-31", "告知承诺", "区域环评结论：环境可行。", "执行园区生态环境准入清单。"),
                ("JNPJ", "2025-08-01", "2030-07-31", "告知承诺", "区域能耗强度符合要求。", "单位产值能耗不高于园区准入值。")),
            Area("410100QY003", "郑州高新区区域评估", "Zhengzhou high-tech zone", "郑州高新技术产业开发区核心区（首轮评估范围）", gxOld,
                publish: true, allowOverlap: false, allowExpired: true, "first version, later superseded",
                ("DZZH", "2020-09-01", "2025-08-31", "告知承诺", "场地地质灾害危险性小。", ""),
                ("HJYX", "2020-09-01", "2025-08-31", "告知承诺", "区域环评结论：环境可行。", "")) with { FileStem = "410100QY003-v1" },
            Area("410100QY003", "郑州高新区区域评估", "Zhengzhou high-tech zone", "郑州高新技术产业开发区规划范围（第二轮评估，范围扩大）", gx,
                publish: true, allowOverlap: false, allowExpired: false, "second version: supersedes v1; 水资源论证 expires 2027-01-31",
                ("YFKC", "2025-09-01", "2030-08-31", "免于评估", "范围内未压覆重要矿产资源。", ""),
                ("HJYX", "2025-09-01", "2030-08-31", "告知承诺", "区域环评结论：环境可行。", "执行园区生态环境准入清单。"),
                ("JNPJ", "2025-09-01", "2030-08-31", "告知承诺", "区域能耗强度符合要求。", ""),
                ("DZZH", "2025-09-01", "2030-08-31", "告知承诺", "场地地质灾害危险性小。", ""),
                ("DZAQ", "2025-09-01", "2030-08-31", "简化", "抗震设防烈度Ⅶ度。", "按Ⅶ度设防。"),
                ("SZYLZ", "2022-02-01", "2027-01-31", "告知承诺", "区域水资源可满足规划需水。", "取水量不超过区域论证核定水量。"),
                ("WWKG", "2025-09-01", null, "告知承诺", "已完成考古调查勘探，未发现需原址保护的文物遗存。", "施工中发现文物立即停工报告。")) with { FileStem = "410100QY003-v2" },
            Area("410100QY004", "郑州航空港区北区区域评估", "Zhengzhou Airport Economy Zone north", "郑州航空港经济综合实验区北部片区", hkgNorth,
                publish: true, allowOverlap: false, allowExpired: true, "节能 expired 2024-12-31",
                ("HJYX", "2023-01-01", "2027-12-31", "告知承诺", "区域环评结论：环境可行。", "执行机场噪声控制要求。"),
                ("JNPJ", "2020-01-01", "2024-12-31", "告知承诺", "区域能耗强度符合要求。", ""),
                ("WWKG", "2022-06-01", null, "告知承诺", "已完成考古调查勘探。", "施工中发现文物立即停工报告。"),
                ("SZYLZ", "2023-01-01", "2028-12-31", "告知承诺", "区域水资源可满足规划需水。", "")),
            Area("410100QY005", "郑东新区龙湖片区区域评估", "Zhengdong New District, Longhu", "郑东新区龙湖片区（报批中）", zd,
                publish: false, allowOverlap: false, allowExpired: false, "draft: not public",
                ("DZZH", "2026-10-01", "2031-09-30", "告知承诺", "场地地质灾害危险性小。", ""),
                ("HJYX", "2026-10-01", "2031-09-30", "告知承诺", "区域环评结论：环境可行。", "")),
        };
        return new DemoAssessment(zones, areas);
    }

    private static DemoAssessmentArea Area(string unitCode, string name, string nameEn, string scope, Geometry geometry,
        bool publish, bool allowOverlap, bool allowExpired, string scenario,
        params (string Code, string From, string? To, string Mode, string Conclusions, string Conditions)[] items)
    {
        var list = items.Select(i =>
        {
            var (nameZh, approval) = ItemNames[i.Code];
            var from = DateOnly.ParseExact(i.From, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            DateOnly? to = i.To is null ? null : DateOnly.ParseExact(i.To, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var file = $"{unitCode}-{i.Code}-{i.From[..4]}.pdf";
            var pdf = MinimalPdf.Write("Regional assessment result (SYNTHETIC DEMO)",
            [
                $"Assessment unit: {unitCode} - {nameEn}",
                $"Item: {i.Code} ({ItemEnglish[i.Code]})",
                $"Valid from {i.From} to {i.To ?? "open-ended"}; simplified approval mode: {ModeEnglish(i.Mode)}",
                "Issued by: Zhengzhou Natural Resources and Planning Bureau (illustrative)",
                "Synthetic demonstration document generated by OneBlueprint.DemoCity.",
                "It is not a real assessment result and has no legal effect.",
            ]);
            return new DemoAssessmentItem(i.Code, nameZh, from, to, i.Mode, [approval], i.Conclusions,
                i.Conditions.Length == 0 ? "" : i.Conditions, Bureau, from, [new DemoDocument(file, pdf)]);
        }).ToList();
        return new DemoAssessmentArea(unitCode, name, nameEn, $"{scope}。{Synthetic}", geometry, list, publish, allowOverlap, allowExpired, scenario)
        {
            FileStem = unitCode,
        };
    }

    private static readonly Dictionary<string, (string NameZh, string Approval)> ItemNames = new(StringComparer.Ordinal)
    {
        ["YFKC"] = ("压覆重要矿产资源", "建设项目压覆重要矿产资源审批"),
        ["HJYX"] = ("环境影响评价", "建设项目环境影响评价文件审批"),
        ["JNPJ"] = ("节能评价", "固定资产投资项目节能审查"),
        ["DZZH"] = ("地质灾害危险性评估", "地质灾害危险性评估报告备案"),
        ["DZAQ"] = ("地震安全性评价", "建设工程地震安全性评价结果审定及抗震设防要求确定"),
        ["SZYLZ"] = ("水资源论证", "取水许可审批"),
        ["WWKG"] = ("文物考古调查勘探", "建设工程文物保护和考古许可"),
    };

    private static readonly Dictionary<string, string> ItemEnglish = new(StringComparer.Ordinal)
    {
        ["YFKC"] = "overlay of important mineral resources",
        ["HJYX"] = "environmental impact assessment",
        ["JNPJ"] = "energy-saving assessment",
        ["DZZH"] = "geological hazard risk assessment",
        ["DZAQ"] = "seismic safety evaluation",
        ["SZYLZ"] = "water resources assessment",
        ["WWKG"] = "archaeological survey and exploration",
    };

    private static string ModeEnglish(string mode) => mode switch
    {
        "告知承诺" => "notify and commit",
        "免于评估" => "exempt",
        _ => "simplified",
    };

    private static Polygon HalfPlane(GeometryFactory factory, Envelope around, double? minX = null, double? maxX = null, double? minY = null)
    {
        var e = new Envelope(around);
        e.ExpandBy(10_000);
        var box = new Envelope(minX ?? e.MinX, maxX ?? e.MaxX, minY ?? e.MinY, e.MaxY);
        return (Polygon)factory.ToGeometry(box);
    }

    /// <summary>Polygons only, slivers under a hectare dropped, on the 1 mm grid written to files.</summary>
    private static Geometry Clean(Geometry g) => Millimetre.Snap(GeometryParts.DropSmallParts(GeometryParts.Polygonal(g), 10_000));
}
