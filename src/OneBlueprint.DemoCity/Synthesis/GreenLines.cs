using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// 绿线 (LVX), synthetic: a protective green belt ringing the central city (cut into 3 km sections) and
/// parks of 5–100 ha scattered through the urban development boundary, clear of water and of one another.
/// </summary>
public static class GreenLines
{
    public const int Parks = 90;

    public static FeatureSet Build(Geometry city, FeatureSet urbanBoundary, FeatureSet blueLines, DistrictLocator districts, int seed)
    {
        var random = StableHash.RandomFor(seed, "LVX");
        var noise = new Noise(StableHash.Combine(StableHash.Of("LVX.noise"), seed));
        var factory = city.Factory;
        var layer = new LayerBuilder(LayerCodes.GreenLine, "绿线");
        var urban = factory.CreateGeometryCollection(urbanBoundary.Features.Select(f => f.Geometry).ToArray()).Union();
        var occupied = new Occupancy();
        occupied.AddRange(blueLines.Features.Select(f => f.Geometry));

        // Green belt: a ring about 11 km round the old centre (二七广场), 200 m wide.
        var centre = WorkingCrs.FromLonLat(113.665, 34.753);
        var ring = new PolarBlob(centre, 11_000, 400, 0.12, 1.15, 0.2, 3, 1.0).ToPolygon(factory, noise);
        var belt = ring.Buffer(100).Difference(ring.Buffer(-100)).Intersection(urban);
        foreach (var b in blueLines.Features) belt = belt.Difference(b.Geometry.Buffer(20));
        foreach (var piece in Shapes.CutIntoTiles(belt, 3_000, 20_000))
        {
            Add(layer, districts, piece, "环城防护绿带（演示）", "防护绿地");
            occupied.Add(piece);
        }

        var places = new RandomPlaces(urban, random);
        var parks = 0;
        for (var attempt = 0; attempt < Parks * 30 && parks < Parks; attempt++)
        {
            var radius = 130 + Math.Pow(random.NextDouble(), 2) * 420;
            var park = new PolarBlob(places.Next(), radius, 40 + random.Next(80), 0.25, 1 + random.NextDouble() * 0.8,
                random.NextDouble() * Math.PI, 4, 1.2).ToPolygon(factory, noise);
            if (!urban.Contains(park) || !occupied.IsFree(park, 60)) continue;
            occupied.Add(park);
            parks++;
            var (_, districtName) = districts.Locate(park.Centroid.Coordinate);
            Add(layer, districts, park, $"{districtName}{parks}号公园（演示）", "公园绿地");
        }

        return layer.Build("a noisy ring 200 m wide round the central city cut into 3 km sections, and rough-blob parks placed at random inside the urban boundary");
    }

    private static void Add(LayerBuilder layer, DistrictLocator districts, Polygon shape, string name, string kind) =>
        layer.Add(shape,
            ("LDMC", name),
            ("LDLX", kind),
            ("MJ", Math.Round(AreaUnits.ToHectares(shape.Area), 2)),
            ("XZQDM", districts.Locate(shape.InteriorPoint.Coordinate).Code));
}
