using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// Reservoirs and lakes (HP) for the demo: Natural Earth's 1:10m lakes hold none inside Zhengzhou, so a
/// few are sketched as rough blobs near the places real ones lie (positions to within a few km, shapes
/// invented). Names carry （示意）; SJLY = 合成演示数据.
/// </summary>
public static class SketchedReservoirs
{
    public sealed record Sketch(string Name, double Lon, double Lat, double RadiusMetres, double Aspect, double RotationDegrees);

    public static readonly IReadOnlyList<Sketch> All =
    [
        new("尖岗水库", 113.555, 34.655, 900, 1.8, 60),
        new("常庄水库", 113.575, 34.715, 650, 1.6, 75),
        new("西流湖", 113.585, 34.772, 420, 1.4, 20),
        new("少林水库", 112.985, 34.475, 500, 1.5, 30),
        new("李湾水库", 113.265, 34.505, 520, 1.7, 110),
        new("坞罗水库", 113.035, 34.655, 480, 1.6, 45),
        new("龙湖", 113.745, 34.805, 700, 1.3, 0),
    ];

    public static IEnumerable<(Sketch Sketch, Polygon Shape)> Shapes(GeometryFactory factory, Noise noise)
    {
        foreach (var s in All)
        {
            var centre = WorkingCrs.FromLonLat(s.Lon, s.Lat);
            var blob = new PolarBlob(centre, s.RadiusMetres, Vertices: 180, Roughness: 0.35, Aspect: s.Aspect,
                RotationRadians: s.RotationDegrees * Math.PI / 180, Octaves: 5, Detail: 1.6);
            yield return (s, blob.ToPolygon(factory, noise));
        }
    }
}
