using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// Zhengzhou's main Yellow River tributaries, which Natural Earth's 1:10m rivers do not carry, sketched
/// as meandering lines through a few hand-placed waypoints (lon/lat read off a general map, accurate to
/// a few kilometres). Synthetic: their names carry （示意） and SJLY = 合成演示数据.
/// </summary>
public static class SketchedRivers
{
    public sealed record Sketch(string Name, string Pinyin, double WidthMetres, (double Lon, double Lat)[] Waypoints);

    public static readonly IReadOnlyList<Sketch> All =
    [
        new("伊洛河", "Yiluo", 80, [(112.80, 34.62), (112.90, 34.68), (112.98, 34.74), (113.03, 34.79), (113.07, 34.84)]),
        new("贾鲁河", "Jialu", 60, [(113.47, 34.57), (113.55, 34.67), (113.59, 34.77), (113.65, 34.86), (113.80, 34.87), (113.95, 34.81), (114.10, 34.73), (114.24, 34.66)]),
        new("双洎河", "Shuangji", 50, [(113.10, 34.49), (113.25, 34.51), (113.38, 34.52), (113.55, 34.45), (113.72, 34.40), (113.90, 34.33), (114.06, 34.28)]),
        new("颍河", "Ying", 40, [(112.92, 34.41), (113.05, 34.42), (113.18, 34.36), (113.29, 34.28)]),
        new("索须河", "Suoxu", 35, [(113.37, 34.76), (113.48, 34.82), (113.60, 34.85), (113.65, 34.86)]),
    ];

    /// <summary>The sketches as meandering lines in EPSG:4547, clipped to <paramref name="clip"/>.</summary>
    public static IEnumerable<(Sketch Sketch, Geometry Line)> Lines(Geometry clip, Noise noise)
    {
        var factory = clip.Factory;
        foreach (var s in All)
        {
            var path = s.Waypoints.Select(w => WorkingCrs.FromLonLat(w.Lon, w.Lat)).ToArray();
            var meander = Meander(path, noise, StableHash.Of(s.Pinyin), amplitude: 700, wavelength: 4_000, spacing: 150);
            var clipped = factory.CreateLineString(meander).Intersection(clip);
            var lines = GeometryParts.Lines(clipped).Where(l => l.Length > 1_000).ToArray();
            if (lines.Length > 0)
                yield return (s, lines.Length == 1 ? lines[0] : factory.CreateMultiLineString(lines));
        }
    }

    /// <summary>
    /// The path densified to <paramref name="spacing"/> and pushed sideways by 1-D fractal noise of the
    /// distance along it; the ends stay put (tapered) so tributaries still meet their rivers.
    /// </summary>
    public static Coordinate[] Meander(Coordinate[] path, Noise noise, ulong lineKey, double amplitude, double wavelength, double spacing)
    {
        var dense = new List<Coordinate>();
        for (var i = 0; i < path.Length - 1; i++)
        {
            var steps = Math.Max(1, (int)Math.Ceiling(path[i].Distance(path[i + 1]) / spacing));
            for (var s = 0; s < steps; s++)
            {
                var t = (double)s / steps;
                dense.Add(new Coordinate(path[i].X + (path[i + 1].X - path[i].X) * t, path[i].Y + (path[i + 1].Y - path[i].Y) * t));
            }
        }
        dense.Add(path[^1].Copy());

        var total = 0.0;
        var along = new double[dense.Count];
        for (var i = 1; i < dense.Count; i++) along[i] = total += dense[i].Distance(dense[i - 1]);
        var row = (lineKey % 10_000) * 3.1;
        var result = new Coordinate[dense.Count];
        for (var i = 0; i < dense.Count; i++)
        {
            var prev = dense[Math.Max(0, i - 1)];
            var next = dense[Math.Min(dense.Count - 1, i + 1)];
            var (tx, ty) = (next.X - prev.X, next.Y - prev.Y);
            var len = Math.Sqrt(tx * tx + ty * ty);
            var taper = Math.Min(1.0, Math.Min(along[i], total - along[i]) / wavelength);
            var d = len == 0 ? 0 : amplitude * taper * noise.Fractal(along[i] / wavelength, row, 4, 0.5);
            result[i] = len == 0 ? dense[i].Copy() : new Coordinate(dense[i].X + ty / len * d, dense[i].Y - tx / len * d);
        }
        return result;
    }
}
