using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// 城镇开发边界 (CZKFBJ), synthetic: the real urban areas (Natural Earth) and the county seats, widened
/// and given a smooth wandering edge, minus the ecological redlines (which take precedence in 三区三线),
/// clipped to the city. A few polygons of a few thousand vertices in all.
/// </summary>
public static class UrbanBoundary
{
    private sealed record Seat(string Name, double Lon, double Lat, double RadiusMetres);

    // County seats and the airport zone, which Natural Earth's 1:50m urban areas leave out or undersize.
    private static readonly Seat[] Seats =
    [
        new("中牟县城", 113.975, 34.720, 3_200),
        new("新郑市区", 113.735, 34.400, 3_600),
        new("登封市区", 113.045, 34.455, 3_000),
        new("荥阳市区", 113.385, 34.785, 3_000),
        new("上街区", 113.290, 34.805, 2_400),
        new("航空港区", 113.840, 34.530, 5_500),
        new("巩义市区", 113.010, 34.750, 2_800),
    ];

    public const int TargetVertices = 2_500;

    public static FeatureSet Build(Geometry city, FeatureSet urbanAreas, FeatureSet ecologicalRedlines, DistrictLocator districts, int seed)
    {
        var factory = city.Factory;
        var noise = new Noise(StableHash.Combine(StableHash.Of("CZKFBJ.noise"), seed));
        var pieces = urbanAreas.Features.Select(f => f.Geometry.Buffer(1_500, 4)).ToList();
        foreach (var s in Seats)
        {
            var c = WorkingCrs.FromLonLat(s.Lon, s.Lat);
            pieces.Add(new PolarBlob(c, s.RadiusMetres, 120, 0.2, 1.2, 0.3, 3, 1.0).ToPolygon(factory, noise));
        }
        // Close the gap between Zhengzhou proper and the airport zone along the Zhengzhou–Xinzheng axis.
        var corridor = factory.CreateLineString([WorkingCrs.FromLonLat(113.72, 34.70), WorkingCrs.FromLonLat(113.80, 34.57)]);
        pieces.Add(corridor.Buffer(2_000, 4));

        var basis = factory.CreateGeometryCollection(pieces.ToArray()).Union().Buffer(300).Buffer(-300);
        var spacing = NoisyOutline.Perimeter(basis) / TargetVertices;
        var rough = NoisyOutline.Roughen(basis, noise, spacing, amplitude: 450, wavelength: 2_800, octaves: 4);
        var redlines = factory.CreateGeometryCollection(ecologicalRedlines.Features.Select(f => f.Geometry).ToArray()).Union();
        var shape = GeometryParts.DropSmallParts(rough.Intersection(city).Difference(redlines), 500_000);

        var layer = new LayerBuilder(LayerCodes.UrbanBoundary, "城镇开发边界");
        foreach (var part in GeometryParts.Polygons(shape).OrderByDescending(p => p.Area))
        {
            var (code, name) = districts.Locate(part.InteriorPoint.Coordinate);
            layer.Add(part,
                ("XZQDM", code),
                ("XZQMC", name),
                ("GHFQMC", "城镇集中建设区"),
                ("MJ", Math.Round(AreaUnits.ToHectares(part.Area), 2)));
        }
        return layer.Build(
            "Natural Earth urban areas and county seats buffered 1.5 km, edge displaced by smooth noise, " +
            "minus the ecological redlines, clipped to the city");
    }
}
