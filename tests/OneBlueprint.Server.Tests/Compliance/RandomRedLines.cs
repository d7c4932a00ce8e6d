using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Server.Tests.Compliance;

/// <summary>A generated red line in EPSG:4547: its parcels (valid, disjoint polygons, some with a hole) and what it was aimed at.</summary>
public sealed record RandomRedLine(int Index, IReadOnlyList<Polygon> Parcels, string Target)
{
    public int Vertices => Parcels.Sum(p => p.NumPoints);
    public double Area => Parcels.Sum(p => p.Area);
    public bool HasHoles => Parcels.Any(p => p.NumInteriorRings > 0);
}

/// <summary>
/// Seeded random red lines over a demo city, aimed at the control lines rather than spread over the city: each is
/// centred on a vertex (so it straddles the edge) or an inner point of a random feature of a target layer —
/// ecological redlines, farmland, the urban boundary, the four lines — and a few anywhere in the city. 1–100 ha in
/// all (log-uniform), 10–500 vertices, one to three disjoint parcels, a quarter of the parcels with a hole. Parcels
/// are star-shaped around their centre (vertices at increasing angles, positive radii), so they are simple by
/// construction; holes lie well inside the largest circle the parcel contains.
/// </summary>
public static class RandomRedLines
{
    private static readonly (string Target, double Weight)[] Targets =
    [
        ("STBHHX", 0.22), ("YJJBNTBHTB", 0.28), ("CZKFBJ", 0.22), ("LX", 0.06), ("LVX", 0.06), ("ZX", 0.04), ("HX", 0.06), ("city", 0.06),
    ];

    public static IReadOnlyList<RandomRedLine> Generate(DemoCity.DemoCity city, int count, int seed)
    {
        var random = new Random(seed);
        var factory = GeometryKit.Factory(DemoCity.DemoCity.Srid);
        var layers = Targets.Where(t => t.Target != "city")
            .ToDictionary(t => t.Target, t => city.Layers[t.Target].Features.Select(f => f.Geometry).Where(g => !g.IsEmpty).ToArray());
        var cityBox = city.Boundary.EnvelopeInternal;
        var list = new List<RandomRedLine>(count);
        while (list.Count < count)
        {
            var target = Pick(random);
            Coordinate anchor;
            if (target == "city")
            {
                anchor = new Coordinate(cityBox.MinX + random.NextDouble() * cityBox.Width, cityBox.MinY + random.NextDouble() * cityBox.Height);
                if (!city.Boundary.Contains(factory.CreatePoint(anchor))) continue;
            }
            else
            {
                var feature = layers[target][random.Next(layers[target].Length)];
                var polygon = (Polygon)feature.GetGeometryN(random.Next(feature.NumGeometries));
                anchor = random.NextDouble() < 0.65
                    ? polygon.ExteriorRing.GetCoordinateN(random.Next(polygon.ExteriorRing.NumPoints - 1)).Copy()
                    : polygon.InteriorPoint.Coordinate.Copy();
            }

            var totalArea = Math.Exp(Math.Log(10_000) + random.NextDouble() * (Math.Log(1_000_000) - Math.Log(10_000)));
            var parcels = random.NextDouble() < 0.8 ? 1 : random.Next(2, 4);
            var totalVertices = random.Next(Math.Max(10, parcels * 12), 501);
            var shapes = new List<Polygon>();
            var placed = new List<(Coordinate Centre, double Radius)>();
            var share = Split(random, parcels);
            var verticesLeft = totalVertices;
            for (var k = 0; k < parcels; k++)
            {
                var vertices = k == parcels - 1 ? verticesLeft : Math.Max(8, (int)(totalVertices * share[k]));
                verticesLeft -= vertices;
                var withHole = vertices >= 24 && random.NextDouble() < 0.25;
                var holeVertices = withHole ? random.Next(8, Math.Min(30, vertices / 3) + 1) : 0;
                var (shell, maxRadius, minRadius) = Star(random, vertices - holeVertices, totalArea * share[k]);
                var centre = k == 0 ? anchor : Beside(random, placed, maxRadius);
                var holes = new List<Coordinate[]>();
                if (withHole)
                {
                    var (hole, _, _) = Star(random, holeVertices - 1, Math.PI * Math.Pow(minRadius * (0.15 + 0.15 * random.NextDouble()), 2));
                    holes.Add(hole.Reverse().ToArray());
                }
                shapes.Add(factory.CreatePolygon(
                    factory.CreateLinearRing(Move(shell, centre)),
                    holes.Select(h => factory.CreateLinearRing(Move(h, centre))).ToArray()));
                placed.Add((centre, maxRadius));
            }
            if (shapes.Any(p => !p.IsValid)) continue; // millimetre rounding can, very rarely, fold a tiny edge
            list.Add(new RandomRedLine(list.Count, shapes, target));
        }
        return list;
    }

    private static string Pick(Random random)
    {
        var x = random.NextDouble() * Targets.Sum(t => t.Weight);
        foreach (var (target, weight) in Targets)
        {
            if (x < weight) return target;
            x -= weight;
        }
        return Targets[^1].Target;
    }

    private static double[] Split(Random random, int parts)
    {
        var weights = Enumerable.Range(0, parts).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var sum = weights.Sum();
        return weights.Select(w => w / sum).ToArray();
    }

    /// <summary>
    /// A closed star-shaped ring of <paramref name="vertices"/> distinct points (counter-clockwise) around (0, 0)
    /// with area <paramref name="area"/>; also its largest and smallest vertex radius.
    /// </summary>
    private static (Coordinate[] Ring, double MaxRadius, double MinRadius) Star(Random random, int vertices, double area)
    {
        var step = 2 * Math.PI / vertices;
        var phases = Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
        var amplitude = 0.1 + 0.3 * random.NextDouble();
        var stretch = 0.5 + random.NextDouble(); // elongated parcels too
        var ring = new Coordinate[vertices + 1];
        for (var i = 0; i < vertices; i++)
        {
            var angle = i * step + (random.NextDouble() - 0.5) * 0.8 * step;
            var radius = 1 + amplitude * (Math.Sin(2 * angle + phases[0]) * 0.5 + Math.Sin(3 * angle + phases[1]) * 0.3 + Math.Sin(5 * angle + phases[2]) * 0.2)
                         + 0.05 * (random.NextDouble() - 0.5);
            ring[i] = new Coordinate(radius * Math.Cos(angle) * stretch, radius * Math.Sin(angle) / stretch);
        }
        ring[vertices] = ring[0].Copy();
        var scale = Math.Sqrt(area / Math.Abs(Shoelace(ring)));
        double max = 0, min = double.MaxValue;
        foreach (var c in ring)
        {
            c.X *= scale;
            c.Y *= scale;
            var r = Math.Sqrt(c.X * c.X + c.Y * c.Y);
            max = Math.Max(max, r);
            min = Math.Min(min, r);
        }
        // Edges cut inside the smallest vertex radius by at most cos(largest half step): keep holes within that.
        return (ring, max, min * Math.Cos(0.7 * step));
    }

    private static Coordinate Beside(Random random, List<(Coordinate Centre, double Radius)> placed, double radius)
    {
        var (centre, other) = placed[random.Next(placed.Count)];
        var distance = (other + radius) * (1.05 + 0.5 * random.NextDouble());
        while (true)
        {
            var angle = random.NextDouble() * 2 * Math.PI;
            var c = new Coordinate(centre.X + distance * Math.Cos(angle), centre.Y + distance * Math.Sin(angle));
            if (placed.All(p => Math.Sqrt(Math.Pow(p.Centre.X - c.X, 2) + Math.Pow(p.Centre.Y - c.Y, 2)) > (p.Radius + radius) * 1.02)) return c;
            distance *= 1.1;
        }
    }

    // Millimetre coordinates, as a survey gives them.
    private static Coordinate[] Move(Coordinate[] ring, Coordinate centre) =>
        ring.Select(c => new Coordinate(Math.Round(centre.X + c.X, 3), Math.Round(centre.Y + c.Y, 3))).ToArray();

    private static double Shoelace(Coordinate[] ring)
    {
        double sum = 0;
        for (var i = 0; i < ring.Length - 1; i++) sum += ring[i].X * ring[i + 1].Y - ring[i + 1].X * ring[i].Y;
        return sum / 2;
    }
}
