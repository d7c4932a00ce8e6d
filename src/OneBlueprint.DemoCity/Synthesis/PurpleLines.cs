using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// 紫线 (ZX), synthetic: around a dozen of Zhengzhou's well-known heritage sites (real names, positions
/// to within about a kilometre, outlines invented), each as a 保护范围 (protection area) and a
/// surrounding 建设控制地带 (construction-control belt, a ring round it).
/// </summary>
public static class PurpleLines
{
    private sealed record Site(string Name, string Level, double Lon, double Lat, double Hectares);

    private const string National = "全国重点文物保护单位";
    private const string Provincial = "省级文物保护单位";

    private static readonly Site[] Sites =
    [
        new("郑州商代遗址", National, 113.690, 34.757, 60),
        new("郑州城隍庙", Provincial, 113.673, 34.759, 1.5),
        new("大河村遗址", National, 113.700, 34.836, 30),
        new("嵩阳书院", National, 113.031, 34.487, 4),
        new("少林寺", National, 112.936, 34.508, 16),
        new("观星台", National, 113.139, 34.400, 3),
        new("打虎亭汉墓", National, 113.470, 34.497, 5),
        new("郑韩故城", National, 113.722, 34.382, 45),
        new("康百万庄园", National, 112.972, 34.772, 10),
        new("宋陵", National, 113.062, 34.712, 40),
        new("杜甫故里", Provincial, 112.952, 34.748, 3),
        new("黄帝故里", Provincial, 113.741, 34.398, 8),
        new("荥阳故城", Provincial, 113.412, 34.818, 25),
    ];

    public static FeatureSet Build(Geometry city, DistrictLocator districts, int seed)
    {
        var random = StableHash.RandomFor(seed, "ZX");
        var factory = city.Factory;
        var layer = new LayerBuilder(LayerCodes.PurpleLine, "紫线");
        foreach (var s in Sites)
        {
            var area = s.Hectares * AreaUnits.SquareMetresPerHectare;
            var aspect = 1 + random.NextDouble() * 0.8;
            var (w, h) = (Math.Sqrt(area * aspect), Math.Sqrt(area / aspect));
            var core = Shapes.Rectangle(factory, WorkingCrs.FromLonLat(s.Lon, s.Lat), w, h, random.NextDouble() * 0.6 - 0.3, random);
            if (!city.Contains(core)) continue;
            var control = GeometryParts.Polygonal(core.Buffer(60 + random.NextDouble() * 140, 2).Difference(core).Intersection(city));
            var code = districts.Locate(core.Centroid.Coordinate).Code;
            Add(layer, core, s, "保护范围", code);
            Add(layer, control, s, "建设控制地带", code);
        }
        return layer.Build("real heritage-site names at approximate positions; outlines are jittered rectangles of a plausible size, with a control belt round each");
    }

    private static void Add(LayerBuilder layer, Geometry shape, Site s, string range, string code) =>
        layer.Add(shape,
            ("ZXMC", $"{s.Name}{range}（演示）"),
            ("BHJB", s.Level),
            ("FWLX", range),
            ("MJ", Math.Round(AreaUnits.ToHectares(shape.Area), 2)),
            ("XZQDM", code));
}
