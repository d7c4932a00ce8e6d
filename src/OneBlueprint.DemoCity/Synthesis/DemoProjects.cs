using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// Eight demo construction projects with red lines of 1–3 parcels, each placed by seeded search near a
/// plausible spot until it meets the control lines as its <see cref="ProjectScenario"/> says: three pass
/// cleanly, two overlap permanent farmland (a road and a substation, both of the major-project classes
/// allowed to apply for 占用), one overlaps an ecological redline, one straddles the urban development
/// boundary and one overlaps a blue line only. Coordinates are rounded to the millimetre, as the red-line
/// TXT file holds them.
/// </summary>
public static class DemoProjects
{
    private sealed record Definition(
        string Serial, string Industry, string ApprovalType, string Name, string Category, bool Major,
        ProjectScenario Scenario, double Lon, double Lat, int Parcels, double ParcelHectares, double Aspect,
        bool Hole, string LandUse, string LandClass);

    private static readonly Definition[] Definitions =
    [
        new("000101", "39", "03", "郑州航空港区智能终端产业园项目（演示）", "工业", false, ProjectScenario.Clean, 113.83, 34.53, 2, 9, 1.4, true, "工业用地", "1001"),
        new("000102", "70", "01", "金水区保障性租赁住房项目（演示）", "居住", false, ProjectScenario.Clean, 113.70, 34.79, 1, 4, 1.3, false, "城镇住宅用地", "0701"),
        new("000103", "83", "01", "郑东新区第二高级中学新建项目（演示）", "公共服务", false, ProjectScenario.Clean, 113.76, 34.76, 1, 6, 1.2, true, "教育用地", "0804"),
        new("000104", "48", "01", "郑州至登封快速通道工程（演示）", "交通", true, ProjectScenario.OverlapsFarmland, 113.55, 34.53, 3, 4, 12, false, "公路用地", "1202"),
        new("000105", "44", "02", "中牟220千伏输变电工程（演示）", "能源", true, ProjectScenario.OverlapsFarmland, 114.02, 34.66, 1, 2.5, 1.2, true, "供电用地", "1303"),
        new("000106", "44", "02", "登封抽水蓄能电站上水库工程（演示）", "能源", true, ProjectScenario.OverlapsEcologicalRedline, 113.02, 34.53, 2, 15, 1.5, false, "水工设施用地", "1312"),
        new("000107", "59", "03", "荥阳现代物流园扩建项目（演示）", "仓储物流", false, ProjectScenario.StraddlesUrbanBoundary, 113.40, 34.77, 2, 10, 1.6, true, "物流仓储用地", "1101"),
        new("000108", "76", "01", "贾鲁河综合治理工程（演示）", "水利", true, ProjectScenario.OverlapsBlueLine, 113.62, 34.83, 2, 3, 3, false, "水工设施用地", "1312"),
    ];

    public const string Year = "2026";

    public static IReadOnlyList<DemoProject> Build(IReadOnlyDictionary<string, FeatureSet> layers, int seed)
    {
        var controls = new ControlIndex(layers);
        var factory = GeometryKit.Factory(WorkingCrs.Srid);
        var urban = factory.CreateGeometryCollection(layers[LayerCodes.UrbanBoundary].Features.Select(f => f.Geometry).ToArray()).Union();
        var placed = new Occupancy();
        var projects = new List<DemoProject>();
        foreach (var d in Definitions)
        {
            var random = StableHash.RandomFor(seed, "project." + d.Serial);
            var anchor = WorkingCrs.FromLonLat(d.Lon, d.Lat);
            Polygon[]? parcels = null;
            for (var attempt = 0; attempt < 3_000 && parcels is null; attempt++)
            {
                // Widen the search slowly: first near the anchor, later up to ~15 km away.
                var reach = 300 + attempt * 5.0;
                var centre = new Coordinate(anchor.X + (random.NextDouble() - 0.5) * 2 * reach, anchor.Y + (random.NextDouble() - 0.5) * 2 * reach);
                var candidate = Parcels(d, centre, random, factory);
                var union = factory.CreateMultiPolygon(candidate).Union();
                if (placed.IsFree(union, 200) && Meets(d.Scenario, union, controls, urban)) parcels = candidate;
            }
            if (parcels is null)
                throw new InvalidOperationException($"could not place demo project {d.Serial} ({d.Scenario}) with seed {seed}");
            placed.Add(factory.CreateMultiPolygon(parcels));
            projects.Add(new DemoProject($"{Year}-{DemoCity.CityCode}-{d.Industry}-{d.ApprovalType}-{d.Serial}", d.Name, d.Category, d.Major, d.Scenario,
                RedLine(d, parcels)));
        }
        return projects;
    }

    /// <summary>Does a red line meet the control lines as the scenario wants? Each scenario is kept pure of the others.</summary>
    private static bool Meets(ProjectScenario scenario, Geometry shape, ControlIndex controls, Geometry urban)
    {
        var area = shape.Area;
        var near = controls.Overlaps(shape, clearance: 30);
        var hits = controls.Overlaps(shape);
        bool Only(params string[] allowed) => near.Keys.All(k => allowed.Contains(k));
        return scenario switch
        {
            ProjectScenario.Clean => urban.Covers(shape) && Only(LayerCodes.UrbanBoundary),
            ProjectScenario.OverlapsFarmland => hits.GetValueOrDefault(LayerCodes.Farmland) > 0.2 * area && Only(LayerCodes.Farmland),
            ProjectScenario.OverlapsEcologicalRedline => hits.GetValueOrDefault(LayerCodes.EcologicalRedlines) is var e && e > 0.2 * area && e < 0.8 * area
                && Only(LayerCodes.EcologicalRedlines, LayerCodes.Farmland),
            ProjectScenario.StraddlesUrbanBoundary => hits.GetValueOrDefault(LayerCodes.UrbanBoundary) is var u && u > 0.25 * area && u < 0.75 * area
                && !near.ContainsKey(LayerCodes.EcologicalRedlines),
            ProjectScenario.OverlapsBlueLine => urban.Covers(shape) && hits.GetValueOrDefault(LayerCodes.BlueLine) > 0.05 * area
                && Only(LayerCodes.UrbanBoundary, LayerCodes.BlueLine),
            _ => false,
        };
    }

    /// <summary>1–3 jittered rectangles in a row along a random bearing, the first with a 扣除区 hole if asked.</summary>
    private static Polygon[] Parcels(Definition d, Coordinate centre, Random random, GeometryFactory factory)
    {
        var bearing = random.NextDouble() * Math.PI;
        var area = d.ParcelHectares * AreaUnits.SquareMetresPerHectare;
        var (length, width) = (Math.Sqrt(area * d.Aspect), Math.Sqrt(area / d.Aspect));
        var result = new Polygon[d.Parcels];
        for (var k = 0; k < d.Parcels; k++)
        {
            var offset = (k - (d.Parcels - 1) / 2.0) * (length + 60);
            var c = new Coordinate(centre.X + offset * Math.Cos(bearing), centre.Y + offset * Math.Sin(bearing));
            var outer = Shapes.Rectangle(factory, c, length, width, bearing, random, 0.06);
            if (d.Hole && k == 0)
            {
                var hole = Shapes.Rectangle(factory, c, length * 0.3, width * 0.3, bearing + 0.1, random, 0.05);
                outer = factory.CreatePolygon((LinearRing)outer.ExteriorRing, [(LinearRing)hole.ExteriorRing]);
            }
            result[k] = Millimetres(outer, factory);
        }
        return result;
    }

    private static Polygon Millimetres(Polygon p, GeometryFactory factory)
    {
        LinearRing Round(LineString ring) => factory.CreateLinearRing(ring.Coordinates
            .Select(c => new Coordinate(Math.Round(c.X, 3), Math.Round(c.Y, 3))).ToArray());
        return factory.CreatePolygon(Round(p.ExteriorRing), p.InteriorRings.Select(Round).ToArray());
    }

    private static FeatureSet RedLine(Definition d, Polygon[] parcels)
    {
        var code = $"{Year}-{DemoCity.CityCode}-{d.Industry}-{d.ApprovalType}-{d.Serial}";
        var set = new FeatureSet { Srid = WorkingCrs.Srid, Name = code };
        set.Metadata["项目信息.项目代码"] = code;
        set.Metadata["项目信息.项目名称"] = d.Name;
        set.Metadata["项目信息.项目类别"] = d.Category;
        set.Metadata["项目信息.建设单位"] = "演示建设单位（合成）";
        set.Metadata["项目信息.数据来源"] = Provenance.SyntheticLabel;
        set.Metadata["属性描述.格式版本号"] = "1.01";
        set.Metadata["属性描述.数据产生单位"] = "OneBlueprint演示数据生成器";
        set.Metadata["属性描述.数据产生日期"] = $"{Year}-01-01";
        Provenance.MarkSynthetic(set, $"demo project red line placed by seeded search ({d.Scenario})");
        for (var k = 0; k < parcels.Length; k++)
        {
            var f = new GeoFeature(parcels[k]) { Id = $"{d.Serial}-{k + 1}" };
            f.Attributes["地块编号"] = $"{d.Serial}-{k + 1}";
            f.Attributes["地块名称"] = parcels.Length == 1 ? d.Name.Replace("（演示）", "", StringComparison.Ordinal) + "地块" : $"地块{ChineseNumber(k + 1)}";
            f.Attributes["地块用途"] = d.LandUse;
            f.Attributes["地类编码"] = d.LandClass;
            f.Attributes["地块面积"] = Math.Round(AreaUnits.ToHectares(parcels[k].Area), 4);
            f.Attributes[Provenance.SourceAttribute] = Provenance.SyntheticLabel;
            set.Features.Add(f);
        }
        set.Metadata["project.scenario"] = d.Scenario.ToString();
        set.Metadata["project.majorClass"] = d.Major ? "true" : "false";
        set.Metadata["project.parcelsHectares"] = AreaUnits.ToHectares(parcels.Sum(p => p.Area)).ToString("0.0000", CultureInfo.InvariantCulture);
        return set;
    }

    private static string ChineseNumber(int n) => n switch { 1 => "一", 2 => "二", 3 => "三", _ => n.ToString(CultureInfo.InvariantCulture) };
}
