using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Server.Tests.Assessment;

/// <summary>
/// Seeded random red lines aimed at assessment areas, so that most of them are partly or wholly inside one: centred
/// on a boundary vertex of a target area (straddling its edge: partly covered), on an inner point (mostly fully
/// covered), or anywhere in the areas' surroundings. 1–100 ha (log-uniform), 10–300 vertices, one or two disjoint
/// parcels. Parcels are star-shaped around their centre, so simple by construction; coordinates on the 1 mm grid.
/// </summary>
public static class AssessmentRedLines
{
    public static IReadOnlyList<Polygon[]> Generate(IReadOnlyList<Geometry> targets, int count, int seed)
    {
        var random = new Random(seed);
        var factory = GeometryKit.Factory(4547);
        var box = new Envelope();
        foreach (var t in targets) box.ExpandToInclude(t.EnvelopeInternal);
        box.ExpandBy(3_000);
        var list = new List<Polygon[]>();
        while (list.Count < count)
        {
            var target = targets[random.Next(targets.Count)];
            var polygon = (Polygon)target.GetGeometryN(random.Next(target.NumGeometries));
            var pick = random.NextDouble();
            var anchor = pick < 0.55 ? polygon.ExteriorRing.GetCoordinateN(random.Next(polygon.ExteriorRing.NumPoints - 1)).Copy()
                : pick < 0.85 ? polygon.InteriorPoint.Coordinate.Copy()
                : new Coordinate(box.MinX + random.NextDouble() * box.Width, box.MinY + random.NextDouble() * box.Height);
            var area = Math.Exp(Math.Log(10_000) + random.NextDouble() * (Math.Log(1_000_000) - Math.Log(10_000)));
            var vertices = random.Next(10, 301);
            var radius = Math.Sqrt(area / Math.PI);
            var parcels = new List<Polygon> { Star(factory, random, anchor, radius, vertices) };
            if (random.NextDouble() < 0.2)
            {
                var angle = random.NextDouble() * 2 * Math.PI;
                var second = new Coordinate(anchor.X + 3.2 * radius * Math.Cos(angle), anchor.Y + 3.2 * radius * Math.Sin(angle));
                parcels.Add(Star(factory, random, second, radius * 0.6, Math.Max(10, vertices / 3)));
            }
            if (parcels.Any(p => !p.IsValid)) continue;
            list.Add(parcels.ToArray());
        }
        return list;
    }

    private static Polygon Star(GeometryFactory factory, Random random, Coordinate centre, double radius, int vertices)
    {
        var phases = Enumerable.Range(0, 3).Select(_ => random.NextDouble() * 2 * Math.PI).ToArray();
        var ring = new Coordinate[vertices + 1];
        for (var i = 0; i < vertices; i++)
        {
            var angle = 2 * Math.PI * i / vertices;
            var r = radius * (1 + 0.25 * Math.Sin(2 * angle + phases[0]) + 0.15 * Math.Sin(5 * angle + phases[1]) + 0.05 * Math.Sin(11 * angle + phases[2]));
            ring[i] = new Coordinate(Math.Round(centre.X + r * Math.Cos(angle), 3), Math.Round(centre.Y + r * Math.Sin(angle), 3));
        }
        ring[vertices] = ring[0].Copy();
        return factory.CreatePolygon(ring);
    }
}
