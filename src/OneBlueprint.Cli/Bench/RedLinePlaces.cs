using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// The parts of the blueprint the red-line generator places red lines by: the city (its districts), the ecological
/// redlines and the urban development boundary, each prepared once. Sampling is by area (ecological) or by boundary
/// length (urban boundary), so large features get proportionally more red lines.
/// </summary>
public sealed class RedLinePlaces
{
    private readonly IPreparedGeometry[] _city;
    private readonly Envelope _cityBox;
    private readonly (IPreparedGeometry Prepared, Geometry Geometry)[] _ecological;
    private readonly double[] _ecologicalCumulativeArea;
    private readonly (Geometry Geometry, IPreparedGeometry Prepared)[] _urban;
    private readonly LineString[] _urbanRings;
    private readonly double[] _urbanCumulativeLength;

    public RedLinePlaces(IReadOnlyList<Geometry> city, IReadOnlyList<Geometry> ecological, IReadOnlyList<Geometry> urbanBoundary)
    {
        if (city.Count == 0) throw new ArgumentException("the city has no extent (no districts and no control layers)", nameof(city));
        if (ecological.Count == 0) throw new ArgumentException("there are no ecological redlines (STBHHX) to place red lines in", nameof(ecological));
        if (urbanBoundary.Count == 0) throw new ArgumentException("there is no urban development boundary (CZKFBJ) to straddle", nameof(urbanBoundary));

        _city = city.Select(PreparedGeometryFactory.Prepare).ToArray();
        _cityBox = new Envelope();
        foreach (var g in city) _cityBox.ExpandToInclude(g.EnvelopeInternal);

        _ecological = ecological.Select(g => (PreparedGeometryFactory.Prepare(g), g)).ToArray();
        _ecologicalCumulativeArea = Cumulative(ecological.Select(g => g.Area));

        _urban = urbanBoundary.Select(g => (g, PreparedGeometryFactory.Prepare(g))).ToArray();
        _urbanRings = urbanBoundary
            .SelectMany(Polygons)
            .SelectMany(p => p.InteriorRings.Prepend(p.ExteriorRing))
            .Where(r => r.Length > 0)
            .ToArray();
        _urbanCumulativeLength = Cumulative(_urbanRings.Select(r => r.Length));
    }

    /// <summary>A point inside one of the city's districts, uniform over the city's area.</summary>
    public Coordinate InCity(Random random, GeometryFactory factory)
    {
        for (var attempt = 0; ; attempt++)
        {
            var c = new Coordinate(_cityBox.MinX + random.NextDouble() * _cityBox.Width, _cityBox.MinY + random.NextDouble() * _cityBox.Height);
            if (attempt > 10_000 || _city.Any(p => p.Contains(factory.CreatePoint(c)))) return c;
        }
    }

    /// <summary>A point inside an ecological redline (picked by area) and that redline.</summary>
    public (Coordinate Point, IPreparedGeometry Feature) InEcological(Random random, GeometryFactory factory)
    {
        var (prepared, geometry) = _ecological[Pick(_ecologicalCumulativeArea, random)];
        var box = geometry.EnvelopeInternal;
        for (var attempt = 0; ; attempt++)
        {
            var c = new Coordinate(box.MinX + random.NextDouble() * box.Width, box.MinY + random.NextDouble() * box.Height);
            if (attempt > 10_000 || prepared.Contains(factory.CreatePoint(c))) return (c, prepared);
        }
    }

    /// <summary>A point on the urban development boundary (any ring, picked by length).</summary>
    public Coordinate OnUrbanBoundary(Random random)
    {
        var ring = _urbanRings[Pick(_urbanCumulativeLength, random)];
        var target = random.NextDouble() * ring.Length;
        var walked = 0.0;
        var coordinates = ring.Coordinates;
        for (var i = 0; i + 1 < coordinates.Length; i++)
        {
            var step = coordinates[i].Distance(coordinates[i + 1]);
            if (walked + step >= target && step > 0)
            {
                var t = (target - walked) / step;
                return new Coordinate(coordinates[i].X + t * (coordinates[i + 1].X - coordinates[i].X),
                    coordinates[i].Y + t * (coordinates[i + 1].Y - coordinates[i].Y));
            }
            walked += step;
        }
        return coordinates[^1].Copy();
    }

    /// <summary>Share of <paramref name="redLine"/>'s area inside the urban development boundary (0–1).</summary>
    public double ShareInsideUrbanBoundary(Geometry redLine)
    {
        var area = redLine.Area;
        if (!(area > 0)) return 0;
        var inside = 0.0;
        foreach (var (geometry, prepared) in _urban)
        {
            if (!prepared.Intersects(redLine)) continue;
            inside += prepared.Covers(redLine) ? area : geometry.Intersection(redLine).Area;
        }
        return Math.Clamp(inside / area, 0, 1);
    }

    private static IEnumerable<Polygon> Polygons(Geometry g)
    {
        for (var i = 0; i < g.NumGeometries; i++)
            if (g.GetGeometryN(i) is Polygon { IsEmpty: false } p) yield return p;
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = new List<double>();
        var sum = 0.0;
        foreach (var w in weights) list.Add(sum += Math.Max(0, w));
        return list.ToArray();
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, target);
        if (i < 0) i = ~i;
        return Math.Min(i, cumulative.Length - 1);
    }
}
