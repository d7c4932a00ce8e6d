using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// 黄线 (HX), synthetic: high-voltage corridors (高压走廊) between county seats, cut into 3 km sections
/// and kept out of the ecological redlines, and utility sites (substations, water works, sewage works,
/// gas stations, fire stations) placed inside the urban development boundary clear of the other lines.
/// </summary>
public static class YellowLines
{
    private static readonly (string Name, double Lon1, double Lat1, double Lon2, double Lat2)[] Corridors =
    [
        ("荥阳—上街500kV走廊", 113.30, 34.82, 113.52, 34.70),
        ("中牟—航空港220kV走廊", 113.97, 34.70, 113.85, 34.55),
        ("新郑—新密220kV走廊", 113.72, 34.42, 113.42, 34.55),
        ("惠济—金水220kV走廊", 113.55, 34.86, 113.80, 34.82),
        ("巩义—荥阳220kV走廊", 113.05, 34.76, 113.30, 34.79),
    ];

    private static readonly (string Kind, int Count, double MinHa, double MaxHa)[] Sites =
    [
        ("变电站", 24, 0.6, 3), ("水厂", 6, 5, 15), ("污水处理厂", 6, 4, 12), ("燃气储配站", 5, 1, 4), ("消防站", 14, 0.5, 1.2),
    ];

    public static FeatureSet Build(Geometry city, FeatureSet urbanBoundary, FeatureSet ecologicalRedlines, IEnumerable<FeatureSet> otherLines, DistrictLocator districts, int seed)
    {
        var random = StableHash.RandomFor(seed, "HX");
        var noise = new Noise(StableHash.Combine(StableHash.Of("HX.noise"), seed));
        var factory = city.Factory;
        var layer = new LayerBuilder(LayerCodes.YellowLine, "黄线");
        var redlines = factory.CreateGeometryCollection(ecologicalRedlines.Features.Select(f => f.Geometry).ToArray()).Union();

        foreach (var c in Corridors)
        {
            var path = SketchedRivers.Meander([WorkingCrs.FromLonLat(c.Lon1, c.Lat1), WorkingCrs.FromLonLat(c.Lon2, c.Lat2)],
                noise, StableHash.Of(c.Name), amplitude: 900, wavelength: 6_000, spacing: 400);
            var width = c.Name.Contains("500kV") ? 75 : 40;
            var shape = factory.CreateLineString(path).Buffer(width / 2.0, 2).Intersection(city).Difference(redlines);
            foreach (var piece in Shapes.CutIntoTiles(shape, 3_000, 5_000))
                Add(layer, districts, piece, $"{c.Name}（演示）", "电力走廊");
        }

        var urban = factory.CreateGeometryCollection(urbanBoundary.Features.Select(f => f.Geometry).ToArray()).Union();
        var occupied = new Occupancy();
        occupied.AddRange(otherLines.SelectMany(l => l.Features).Select(f => f.Geometry));
        occupied.AddRange(layer.Features.Select(f => f.Geometry));
        var places = new RandomPlaces(urban, random);
        foreach (var (kind, count, minHa, maxHa) in Sites)
        {
            var placed = 0;
            for (var attempt = 0; attempt < count * 40 && placed < count; attempt++)
            {
                var area = (minHa + random.NextDouble() * (maxHa - minHa)) * AreaUnits.SquareMetresPerHectare;
                var aspect = 1 + random.NextDouble();
                var site = Shapes.Rectangle(factory, places.Next(), Math.Sqrt(area * aspect), Math.Sqrt(area / aspect), random.NextDouble() * Math.PI, random);
                if (!urban.Contains(site) || !occupied.IsFree(site, 40)) continue;
                occupied.Add(site);
                placed++;
                var (_, districtName) = districts.Locate(site.Centroid.Coordinate);
                Add(layer, districts, site, $"{districtName}{kind}{placed}号（演示）", kind);
            }
        }
        return layer.Build("meandering high-voltage corridors between county seats (cut into 3 km sections, outside the ecological redlines) and utility sites placed at random in the urban boundary");
    }

    private static void Add(LayerBuilder layer, DistrictLocator districts, Polygon shape, string name, string kind) =>
        layer.Add(shape,
            ("HXMC", name),
            ("SSLX", kind),
            ("MJ", Math.Round(AreaUnits.ToHectares(shape.Area), 2)),
            ("XZQDM", districts.Locate(shape.InteriorPoint.Coordinate).Code));
}
