using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// 蓝线 (LX), synthetic: each river widened by a control width of 30–100 m per bank, cut into sections
/// along a 4 km grid (real blue lines are drawn and approved section by section), and each reservoir
/// with a 50 m margin. The pieces do not overlap.
/// </summary>
public static class BlueLines
{
    public const double SectionMetres = 4_000;

    public static FeatureSet Build(Geometry city, FeatureSet rivers, FeatureSet lakes, DistrictLocator districts, int seed)
    {
        var random = StableHash.RandomFor(seed, "LX");
        var factory = city.Factory;
        var layer = new LayerBuilder(LayerCodes.BlueLine, "蓝线");
        Geometry taken = factory.CreatePolygon();

        foreach (var lake in lakes.Features)
        {
            var name = lake.Attributes.GetValueOrDefault("MC") as string ?? "水体";
            var shape = lake.Geometry.Buffer(50, 6).Intersection(city).Difference(taken);
            taken = taken.Union(shape);
            foreach (var part in GeometryParts.Polygons(shape).Where(p => p.Area > 10_000))
                Add(layer, districts, part, name, 50);
        }

        foreach (var river in rivers.Features)
        {
            var name = river.Attributes.GetValueOrDefault("HLMC") as string ?? "河道";
            var width = Math.Round(30 + random.NextDouble() * 70);
            var shape = river.Geometry.Buffer(width, 4).Intersection(city).Difference(taken);
            taken = taken.Union(shape);
            foreach (var piece in Shapes.CutIntoTiles(shape, SectionMetres, 5_000))
                Add(layer, districts, piece, name, width);
        }

        return layer.Build("rivers buffered 30–100 m (per river) and reservoirs buffered 50 m, cut into 4 km sections, clipped to the city");
    }

    private static void Add(LayerBuilder layer, DistrictLocator districts, Polygon shape, string water, double width) =>
        layer.Add(shape,
            ("LXMC", $"{water}蓝线（演示）"),
            ("STMC", water),
            ("KZKD", width),
            ("MJ", Math.Round(AreaUnits.ToHectares(shape.Area), 2)),
            ("XZQDM", districts.Locate(shape.InteriorPoint.Coordinate).Code));
}
