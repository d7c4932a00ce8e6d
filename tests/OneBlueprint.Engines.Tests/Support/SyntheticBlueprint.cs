using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Tests.Support;

/// <summary>
/// Deterministic synthetic control layers and red lines shaped like the city ones: farmland as a lattice of
/// small patches with bent edges (non-overlapping, each inside its own cell), big "ecological" blobs with thousands
/// of vertices and holes, and random red lines of 1–100 ha with 10–500 vertices, some with holes, some multi-parcel.
/// </summary>
internal static class SyntheticBlueprint
{
    /// <summary>Farmland patches on a <paramref name="columns"/>×<paramref name="rows"/> lattice of <paramref name="cell"/>-metre cells starting at (X0, Y0).</summary>
    public static List<ControlFeature> Farmland(int columns, int rows, double cell, int seed, long firstId = 1)
    {
        var features = new ControlFeature[columns * rows];
        Parallel.For(0, rows, j =>
        {
            var random = new Random(seed * 1_000_003 + j);
            for (var i = 0; i < columns; i++)
            {
                var x = Shapes.X0 + i * cell;
                var y = Shapes.Y0 + j * cell;
                var polygon = Patch(random, x, y, cell);
                var id = firstId + j * columns + i;
                var attributes = new Dictionary<string, object?>
                {
                    ["DKBH"] = $"410100{id:000000000}",
                    ["DLMC"] = (i + j) % 3 == 0 ? "水田" : "旱地",
                    ["KCXS"] = Math.Round(random.NextDouble() * 0.15, 4),
                };
                features[j * columns + i] = new ControlFeature(id, polygon, attributes);
            }
        });
        return features.ToList();
    }

    /// <summary>A patch inside its cell: the cell inset by 3 m, each side bent through a few inward points.</summary>
    private static Polygon Patch(Random random, double x, double y, double cell)
    {
        const double inset = 3;
        var corners = new[]
        {
            (x + inset, y + inset), (x + cell - inset, y + inset), (x + cell - inset, y + cell - inset), (x + inset, y + cell - inset),
        };
        var coordinates = new List<Coordinate>();
        for (var s = 0; s < 4; s++)
        {
            var (ax, ay) = corners[s];
            var (bx, by) = corners[(s + 1) % 4];
            coordinates.Add(new Coordinate(ax, ay));
            var bends = random.Next(1, 4);
            // inward normal of a counter-clockwise side
            var nx = -(by - ay) / (cell - 2 * inset);
            var ny = (bx - ax) / (cell - 2 * inset);
            for (var b = 1; b <= bends; b++)
            {
                var t = (b + random.NextDouble() * 0.6 - 0.3) / (bends + 1);
                var offset = random.NextDouble() * 6;
                coordinates.Add(new Coordinate(ax + t * (bx - ax) + offset * nx, ay + t * (by - ay) + offset * ny));
            }
        }
        coordinates.Add(coordinates[0].Copy());
        return Shapes.Factory.CreatePolygon(coordinates.ToArray());
    }

    /// <summary>Big blobs with <paramref name="vertices"/> vertices each and a few holes, centred at the given points.</summary>
    public static List<ControlFeature> BigPolygons(IEnumerable<(double X, double Y, double Radius)> centres, int vertices, int seed, long firstId = 1)
    {
        var random = new Random(seed);
        var result = new List<ControlFeature>();
        var id = firstId;
        foreach (var (cx, cy, radius) in centres)
        {
            var shell = Shapes.Blob(random, cx, cy, radius, vertices, roughness: 0.25);
            var holes = new List<Polygon>();
            var baseAngle = random.NextDouble() * 2 * Math.PI;
            for (var h = 0; h < 3; h++)
            {
                var angle = baseAngle + h * 2 * Math.PI / 3; // apart, so holes never touch
                var d = radius * 0.35 * (h + 1) / 3;
                holes.Add(Shapes.Circle(cx + d * Math.Cos(angle), cy + d * Math.Sin(angle), radius * 0.06, 64 + h * 40));
            }
            var polygon = Shapes.WithHoles(shell, holes.ToArray());
            result.Add(new ControlFeature(id++, polygon, new Dictionary<string, object?> { ["HXMC"] = $"生态保护红线{id}" }));
        }
        return result;
    }

    /// <summary>A random red line of 1–100 ha centred at (cx, cy): 10–500 vertices, sometimes a hole, sometimes 2–3 parcels.</summary>
    public static Geometry RedLine(Random random, double cx, double cy)
    {
        var hectares = 1 + random.NextDouble() * 99;
        var radius = Math.Sqrt(hectares * 10_000 / Math.PI);
        var vertices = random.Next(10, 501);
        var kind = random.Next(10);
        if (kind == 0)
        {
            var parts = new List<Polygon>();
            var count = random.Next(2, 4);
            for (var p = 0; p < count; p++)
                parts.Add(Shapes.Blob(random, cx + p * radius * 2.8, cy + (p % 2) * radius * 0.5, radius / Math.Sqrt(count), Math.Max(10, vertices / count)));
            return Shapes.Multi(parts.ToArray());
        }
        var shell = Shapes.Blob(random, cx, cy, radius, vertices);
        return kind == 1 ? Shapes.WithHoles(shell, Shapes.Circle(cx + radius * 0.1, cy, radius * 0.25, 12 + random.Next(30))) : shell;
    }
}
