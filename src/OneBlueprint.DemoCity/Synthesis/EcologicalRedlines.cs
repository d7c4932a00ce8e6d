using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// 生态保护红线 (STBHHX), synthetic but shaped like real ones: wetland corridors with meandering edges
/// along the Yellow River and the Yiluo, and rough hill areas where Zhengzhou's hills are (嵩山, 箕山,
/// 浮戏山, 具茨山, 环翠峪 — all west and south-west). Each polygon has 2,000–20,000 vertices; the hills
/// carry enclaves (holes: villages and quarries left out). Redlines do not overlap one another (each
/// later one gives way to the earlier) and all lie inside the city.
/// </summary>
public static class EcologicalRedlines
{
    public const int MinVertices = 2_000;
    public const int MaxVertices = 20_000;

    private sealed record Hill(string Name, string Type, double Lon, double Lat, double RadiusMetres, double Aspect, double RotationDegrees, int Enclaves);

    private sealed record Corridor(string Name, string Type, string River, double MinX, double MaxX, double HalfWidth);

    private static readonly Corridor[] Corridors =
    [
        new("黄河湿地（巩义荥阳段）", "生物多样性维护", "黄河", double.MinValue, 470_000, 1_900),
        new("黄河湿地（惠济中牟段）", "生物多样性维护", "黄河", 470_000, double.MaxValue, 2_200),
        new("伊洛河", "水源涵养", "伊洛河", double.MinValue, double.MaxValue, 450),
    ];

    private static readonly Hill[] Hills =
    [
        new("嵩山", "生物多样性维护", 112.975, 34.505, 7_500, 1.8, 8, 3),
        new("箕山", "水土保持", 113.115, 34.335, 5_500, 1.6, -18, 2),
        new("浮戏山", "水源涵养", 113.215, 34.615, 5_000, 1.4, 32, 2),
        new("具茨山", "水土保持", 113.545, 34.440, 4_200, 1.6, 5, 1),
        new("环翠峪", "水源涵养", 113.335, 34.665, 3_600, 1.3, -40, 1),
    ];

    public static FeatureSet Build(Geometry city, FeatureSet rivers, DistrictLocator districts, int seed)
    {
        var factory = city.Factory;
        var random = StableHash.RandomFor(seed, "STBHHX");
        var noise = new Noise(StableHash.Combine(StableHash.Of("STBHHX.noise"), seed));
        var layer = new LayerBuilder(LayerCodes.EcologicalRedlines, "生态保护红线");
        Geometry taken = factory.CreatePolygon();

        void Add(string name, string type, Geometry shape)
        {
            var own = GeometryParts.DropSmallParts(shape.Intersection(city).Difference(taken), 50_000);
            if (own.IsEmpty) return;
            taken = taken.Union(own);
            layer.Add(own,
                ("HXMC", $"{name}{type}生态保护红线（演示）"),
                ("HXLX", type),
                ("MJ", Math.Round(AreaUnits.ToHectares(own.Area), 2)),
                ("XZQDM", districts.Locate(own.InteriorPoint.Coordinate).Code));
        }

        foreach (var c in Corridors)
        {
            var river = RiverLine(rivers, c.River);
            if (river is null) continue;
            var window = factory.ToGeometry(new Envelope(Math.Max(c.MinX, river.EnvelopeInternal.MinX - 10_000),
                Math.Min(c.MaxX, river.EnvelopeInternal.MaxX + 10_000), river.EnvelopeInternal.MinY - 10_000, river.EnvelopeInternal.MaxY + 10_000));
            var basis = river.Intersection(window).Buffer(c.HalfWidth, 8).Intersection(city);
            if (basis.IsEmpty) continue;
            var target = random.Next(4_000, 12_000);
            var shape = WithVertexCount(basis, target, b => b.Intersection(city), (g, spacing) =>
                NoisyOutline.Roughen(g, noise, spacing, amplitude: 0.4 * c.HalfWidth, wavelength: 2.5 * c.HalfWidth));
            Add(c.Name, c.Type, shape);
        }

        foreach (var h in Hills)
        {
            var target = random.Next(4_000, 14_000);
            var shape = HillShape(h, factory, noise, random, target);
            Add(h.Name, h.Type, shape);
        }

        return layer.Build(
            "river corridors = river buffer with a noise-displaced edge; hills = unions of fractal polar blobs " +
            "at the real hills' rough positions, with enclaves cut out; clipped to the city, made mutually disjoint");
    }

    private static Geometry? RiverLine(FeatureSet rivers, string name)
    {
        var match = rivers.Features.FirstOrDefault(f => f.Attributes.GetValueOrDefault("HLMC") is string n && n.StartsWith(name, StringComparison.Ordinal));
        return match?.Geometry;
    }

    /// <summary>Roughens <paramref name="basis"/> with a vertex spacing chosen to land near <paramref name="target"/> vertices.</summary>
    private static Geometry WithVertexCount(Geometry basis, int target, Func<Geometry, Geometry> finish, Func<Geometry, double, Geometry> roughen)
    {
        var spacing = NoisyOutline.Perimeter(basis) / target;
        Geometry shape = basis;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            shape = finish(roughen(basis, spacing));
            var n = shape.NumPoints;
            if (n >= MinVertices * 1.2 && n <= MaxVertices * 0.8) break;
            spacing *= (double)n / target;
        }
        return shape;
    }

    private static Geometry HillShape(Hill h, GeometryFactory factory, Noise noise, Random random, int targetVertices)
    {
        var centre = WorkingCrs.FromLonLat(h.Lon, h.Lat);
        var rotation = h.RotationDegrees * Math.PI / 180;
        // A main lobe and two smaller ones along the ridge: real hill redlines are rarely round.
        var lobes = new List<Polygon>
        {
            new PolarBlob(centre, h.RadiusMetres, targetVertices / 2, 0.45, h.Aspect, rotation, 7, 2.2).ToPolygon(factory, noise),
        };
        for (var k = 0; k < 2; k++)
        {
            var along = (k == 0 ? 1 : -1) * h.RadiusMetres * h.Aspect * (0.55 + 0.2 * random.NextDouble());
            var side = h.RadiusMetres * (random.NextDouble() - 0.5) * 0.6;
            var c = new Coordinate(centre.X + along * Math.Cos(rotation) - side * Math.Sin(rotation),
                centre.Y + along * Math.Sin(rotation) + side * Math.Cos(rotation));
            lobes.Add(new PolarBlob(c, h.RadiusMetres * (0.45 + 0.2 * random.NextDouble()), targetVertices / 4, 0.5,
                1.2, rotation + random.NextDouble() - 0.5, 7, 2.0).ToPolygon(factory, noise));
        }
        Geometry shape = factory.CreateMultiPolygon(lobes.ToArray()).Union();

        var holes = 0;
        for (var attempt = 0; attempt < 40 && holes < h.Enclaves; attempt++)
        {
            var angle = random.NextDouble() * 2 * Math.PI;
            var dist = random.NextDouble() * h.RadiusMetres * 0.6;
            var c = new Coordinate(centre.X + dist * Math.Cos(angle), centre.Y + dist * Math.Sin(angle));
            var enclave = new PolarBlob(c, 250 + random.NextDouble() * 450, 90 + random.Next(120), 0.3,
                1 + random.NextDouble(), random.NextDouble() * Math.PI, 5, 1.5).ToPolygon(factory, noise);
            if (!shape.Contains(enclave.Buffer(300))) continue;
            shape = shape.Difference(enclave);
            holes++;
        }
        return shape;
    }
}
