using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Storage.Tests.Support;

/// <summary>
/// Farmland-like test layers: <c>count</c> simple, valid 10-vertex polygons (irregular decagons of ~30–60 m
/// radius) on a grid in EPSG:4547 around Zhengzhou, each with Chinese attributes in a fixed order.
/// </summary>
public static class SyntheticPolygons
{
    public const int Srid = 4547;

    public static FeatureSet Make(int count, int seed = 42, string? name = "synthetic")
    {
        var factory = GeometryKit.Factory(Srid);
        var random = new Random(seed);
        var set = new FeatureSet { Srid = Srid, Name = name };
        var columns = (int)Math.Ceiling(Math.Sqrt(count));
        for (var i = 0; i < count; i++)
        {
            var cx = 430_000 + (i % columns) * 150.0;
            var cy = 3_800_000 + (i / columns) * 150.0;
            var ring = new Coordinate[11];
            for (var k = 0; k < 10; k++)
            {
                var angle = 2 * Math.PI * k / 10;
                var radius = 30 + random.NextDouble() * 30;
                ring[k] = new Coordinate(Math.Round(cx + radius * Math.Cos(angle), 3), Math.Round(cy + radius * Math.Sin(angle), 3));
            }
            ring[10] = ring[0].Copy();
            var feature = new GeoFeature(factory.CreatePolygon(ring)) { Id = $"TB{i + 1:D6}" };
            feature.Attributes["TBBH"] = $"{i + 1:D6}";
            feature.Attributes["DLMC"] = i % 3 == 0 ? "水田" : "旱地";
            feature.Attributes["ZLDWMC"] = "郑州市中牟县" + (i % 7) + "村";
            feature.Attributes["TBMJ"] = Math.Round(feature.Geometry.Area, 2);
            feature.Attributes["KCXS"] = 0.05;
            feature.Attributes["BSM"] = (long)(1_000_000 + i);
            set.Features.Add(feature);
        }
        return set;
    }
}
