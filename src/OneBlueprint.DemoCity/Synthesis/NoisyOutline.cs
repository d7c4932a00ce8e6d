using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// Gives a smooth polygon (a buffer) the wandering edge of a surveyed boundary: each ring is densified to
/// a vertex every <c>spacing</c> metres, and every vertex pushed along the ring's normal by fractal noise
/// of its position (amplitude in metres, features about <c>wavelength</c> metres apart). Where the push
/// folds a ring over itself, <see cref="GeometryValidator.Repair"/> unfolds it, so the result is always valid.
/// </summary>
public static class NoisyOutline
{
    public static Geometry Roughen(Geometry polygonal, Noise noise, double spacing, double amplitude, double wavelength, int octaves = 5)
    {
        var factory = polygonal.Factory;
        var parts = new List<Polygon>();
        foreach (var p in GeometryParts.Polygons(polygonal))
        {
            var shell = Ring(p.Shell, factory, noise, spacing, amplitude, wavelength, octaves);
            var holes = p.Holes.Select(h => Ring(h, factory, noise, spacing, amplitude, wavelength, octaves)).ToArray();
            parts.Add(factory.CreatePolygon(shell, holes));
        }
        var raw = factory.CreateMultiPolygon(parts.ToArray());
        var fixedUp = raw.IsValid ? raw : GeometryValidator.Repair(raw);
        return GeometryParts.Polygonal(fixedUp);
    }

    private static LinearRing Ring(LineString ring, GeometryFactory factory, Noise noise, double spacing, double amplitude, double wavelength, int octaves)
    {
        var dense = Densify(ring.Coordinates, spacing);
        var n = dense.Count;
        var moved = new Coordinate[n + 1];
        for (var i = 0; i < n; i++)
        {
            var prev = dense[(i - 1 + n) % n];
            var next = dense[(i + 1) % n];
            var (tx, ty) = (next.X - prev.X, next.Y - prev.Y);
            var len = Math.Sqrt(tx * tx + ty * ty);
            if (len == 0) { moved[i] = dense[i].Copy(); continue; }
            var (nx, ny) = (ty / len, -tx / len);
            var d = amplitude * noise.Fractal(dense[i].X / wavelength, dense[i].Y / wavelength, octaves, 0.55);
            moved[i] = new Coordinate(dense[i].X + nx * d, dense[i].Y + ny * d);
        }
        moved[n] = moved[0].Copy();
        return factory.CreateLinearRing(moved);
    }

    /// <summary>The ring's points (without the closing repeat) with extra points so no step exceeds <paramref name="spacing"/>.</summary>
    public static List<Coordinate> Densify(Coordinate[] closedRing, double spacing)
    {
        var result = new List<Coordinate>();
        for (var i = 0; i < closedRing.Length - 1; i++)
        {
            var a = closedRing[i];
            var b = closedRing[i + 1];
            var steps = Math.Max(1, (int)Math.Ceiling(a.Distance(b) / spacing));
            for (var s = 0; s < steps; s++)
            {
                var t = (double)s / steps;
                result.Add(new Coordinate(a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t));
            }
        }
        return result;
    }

    /// <summary>Total ring length of a polygonal geometry.</summary>
    public static double Perimeter(Geometry polygonal) => GeometryParts.Polygons(polygonal).Sum(p => p.Length);
}
