using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// Makes the benchmark's red lines, deterministically: the same seed and the same blueprint give the same red lines,
/// one by one (each from its own seeded <see cref="Random"/>), whatever the count asked for.
/// <list type="bullet">
/// <item>Class by index: 0, 1, 2 → random in the city, inside an ecological redline, straddling the urban
/// development boundary (5–95 % of its area inside).</item>
/// <item>Area 1–100 ha, log-uniform (project land is heavy-tailed: many small sites, few large ones); a red line that
/// finds no place wholly inside an ecological redline is shrunk (not below 1 ha) before the generator settles for a
/// partial overlap (<see cref="BenchRedLine.AsIntended"/> false).</item>
/// <item>Vertices (ST_NPoints, closing points included) 10–500, uniform.</item>
/// <item>Parcels: one (70 %), two (20 %) or three (10 %), side by side 10–60 m apart, as far as the vertex budget
/// allows; each parcel with enough vertices has a hole (扣除区) one time in four.</item>
/// <item>Outlines: <see cref="StarRing"/>s stretched up to 2.5:1 and turned, coordinates rounded to the millimetre;
/// every red line is checked valid (NTS IsValidOp) before it is kept.</item>
/// </list>
/// </summary>
public sealed class RedLineGenerator(RedLinePlaces places, GeometryFactory factory, int seed)
{
    public const double MinHectares = 1;
    public const double MaxHectares = 100;
    public const int MinVertices = 10;
    public const int MaxVertices = 500;
    private const int Attempts = 60;

    public IReadOnlyList<BenchRedLine> Generate(int count, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var list = new List<BenchRedLine>(count);
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            list.Add(Make(i));
            progress?.Report(100.0 * (i + 1) / count);
        }
        return list;
    }

    /// <summary>Red line number <paramref name="index"/> (independent of all others).</summary>
    public BenchRedLine Make(int index)
    {
        var random = new Random(MixSeed(seed, index));
        var kind = (RedLineClass)(index % 3);
        var hectares = Math.Exp(Math.Log(MinHectares) + random.NextDouble() * (Math.Log(MaxHectares) - Math.Log(MinHectares)));
        var vertices = random.Next(MinVertices, MaxVertices + 1);
        var parcels = random.NextDouble() switch { < 0.7 => 1, < 0.9 => 2, _ => 3 };
        parcels = Math.Max(1, Math.Min(parcels, vertices / 12));
        var holes = Enumerable.Range(0, parcels).Select(_ => random.NextDouble() < 0.25).ToArray();

        Geometry? fallback = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // Only inside-ecological red lines shrink: a big site may not fit in a narrow redline.
            var scale = kind == RedLineClass.InsideEcological && attempt >= 20 ? Math.Pow(0.5, 1 + (attempt - 20) / 10) : 1;
            var areaM2 = Math.Max(MinHectares, hectares * scale) * 10_000;
            var shape = Shape(random, areaM2, vertices, holes);
            if (shape is null) continue;

            IPreparedGeometry? ecological = null;
            Coordinate centre;
            switch (kind)
            {
                case RedLineClass.InsideEcological:
                    (centre, ecological) = places.InEcological(random, factory);
                    break;
                case RedLineClass.StraddlingUrbanBoundary:
                    centre = places.OnUrbanBoundary(random);
                    break;
                default:
                    centre = places.InCity(random, factory);
                    break;
            }
            var geometry = Place(shape, centre);
            if (!geometry.IsValid) continue;
            fallback ??= geometry;

            var intended = kind switch
            {
                RedLineClass.InsideEcological => ecological!.Covers(geometry),
                RedLineClass.StraddlingUrbanBoundary => places.ShareInsideUrbanBoundary(geometry) is > 0.05 and < 0.95,
                _ => true,
            };
            if (intended) return Describe(index, kind, geometry, true);
            if (kind == RedLineClass.InsideEcological && ecological!.Intersects(geometry)) fallback = geometry;
        }
        if (fallback is null)
            throw new InvalidOperationException($"red line {index}: no valid shape in {Attempts} attempts (seed {seed}); this is a bug in the generator");
        return Describe(index, kind, fallback, false);
    }

    private static BenchRedLine Describe(int index, RedLineClass kind, Geometry geometry, bool intended)
    {
        var holes = 0;
        for (var i = 0; i < geometry.NumGeometries; i++) holes += ((Polygon)geometry.GetGeometryN(i)).NumInteriorRings;
        return new BenchRedLine(index, kind, geometry, geometry.NumGeometries, holes, geometry.NumPoints, geometry.Area, intended);
    }

    /// <summary>
    /// The parcels around the origin: lists of rings (outer first, then its hole), each ring its distinct points.
    /// Null when the vertex budget cannot be split as asked (the caller tries again).
    /// </summary>
    private static List<List<(double X, double Y)[]>>? Shape(Random random, double areaM2, int vertices, bool[] holesWanted)
    {
        var parcels = holesWanted.Length;
        var weights = Enumerable.Range(0, parcels).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var weightSum = weights.Sum();

        // Split the vertex budget: closing points first, then holes, then outers by area share.
        var holes = (bool[])holesWanted.Clone();
        int[] outer, hole;
        while (true)
        {
            var closing = parcels + holes.Count(h => h);
            var distinct = vertices - closing;
            hole = holes.Select(h => h ? Math.Max(6, (int)(distinct * (0.08 + 0.07 * random.NextDouble()) / parcels)) : 0).ToArray();
            var outerBudget = distinct - hole.Sum();
            outer = weights.Select(w => Math.Max(4, (int)(outerBudget * w / weightSum))).ToArray();
            outer[0] += outerBudget - outer.Sum();
            var tooSmall = Enumerable.Range(0, parcels).FirstOrDefault(k => holes[k] && outer[k] < 12, -1);
            if (tooSmall < 0) break;
            holes[tooSmall] = false;
        }
        if (outer.Any(n => n < 4)) return null;

        var aspect = 1 + 1.5 * random.NextDouble();
        var rotation = random.NextDouble() * Math.PI;
        var (cos, sin) = (Math.Cos(rotation), Math.Sin(rotation));
        (double, double) Stretch((double X, double Y) p)
        {
            var (x, y) = (p.X * aspect, p.Y / aspect);
            return (x * cos - y * sin, x * sin + y * cos);
        }

        var result = new List<List<(double X, double Y)[]>>();
        var radii = new double[parcels];
        for (var k = 0; k < parcels; k++)
        {
            var outline = new StarRing(random, 0.05 + 0.4 * random.NextDouble());
            var rings = new List<(double X, double Y)[]> { outline.Points(outer[k], 1, random).Select(Stretch).ToArray() };
            if (holes[k])
            {
                var inner = new StarRing(random, 0.05 + 0.25 * random.NextDouble());
                var size = outline.HoleReach(outer[k]) / (1 + inner.Irregularity) * (0.6 + 0.4 * random.NextDouble());
                // Clockwise by reversing, as holes are drawn; validity does not depend on it.
                rings.Add(inner.Points(hole[k], size, random).Select(Stretch).Reverse().ToArray());
            }
            var area = Math.Abs(Shoelace(rings[0])) - rings.Skip(1).Sum(r => Math.Abs(Shoelace(r)));
            var s = Math.Sqrt(areaM2 * weights[k] / weightSum / area);
            for (var r = 0; r < rings.Count; r++) rings[r] = rings[r].Select(p => (p.X * s, p.Y * s)).ToArray();
            radii[k] = rings[0].Max(p => Math.Sqrt(p.X * p.X + p.Y * p.Y));
            result.Add(rings);
        }

        // Side by side along a bearing; discs of the parcels' reach never overlap, so neither do the parcels.
        var bearing = random.NextDouble() * 2 * Math.PI;
        var offset = 0.0;
        var offsets = new double[parcels];
        for (var k = 1; k < parcels; k++)
        {
            offset += radii[k - 1] + 10 + 50 * random.NextDouble() + radii[k];
            offsets[k] = offset;
        }
        var middle = offsets[^1] / 2;
        for (var k = 0; k < parcels; k++)
        {
            var (dx, dy) = ((offsets[k] - middle) * Math.Cos(bearing), (offsets[k] - middle) * Math.Sin(bearing));
            var rings = result[k];
            for (var r = 0; r < rings.Count; r++) rings[r] = rings[r].Select(p => (p.X + dx, p.Y + dy)).ToArray();
        }
        return result;
    }

    private Geometry Place(List<List<(double X, double Y)[]>> shape, Coordinate centre)
    {
        LinearRing Ring((double X, double Y)[] points)
        {
            var coordinates = new Coordinate[points.Length + 1];
            for (var i = 0; i < points.Length; i++)
                coordinates[i] = new Coordinate(Math.Round(centre.X + points[i].X, 3), Math.Round(centre.Y + points[i].Y, 3));
            coordinates[^1] = coordinates[0].Copy();
            return factory.CreateLinearRing(coordinates);
        }
        var polygons = shape.Select(rings => factory.CreatePolygon(Ring(rings[0]), rings.Skip(1).Select(Ring).ToArray())).ToArray();
        return polygons.Length == 1 ? polygons[0] : factory.CreateMultiPolygon(polygons);
    }

    private static double Shoelace((double X, double Y)[] ring)
    {
        var sum = 0.0;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++) sum += ring[j].X * ring[i].Y - ring[i].X * ring[j].Y;
        return sum / 2;
    }

    /// <summary>A well-spread 31-bit seed for red line <paramref name="index"/> (SplitMix64 of seed and index).</summary>
    private static int MixSeed(int seed, int index)
    {
        var z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFF_FFFF);
    }
}
