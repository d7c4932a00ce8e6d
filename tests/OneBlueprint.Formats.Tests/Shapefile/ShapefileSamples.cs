using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.Tests.Shapefile;

/// <summary>Feature sets the shapefile tests write: realistic coordinates (8-digit prefixed GK eastings), Chinese text, every attribute type.</summary>
internal static class ShapefileSamples
{
    public const string ChineseName = "郑州市金水区生态保护红线𠀀";

    public static Geometry Wkt(string wkt, int srid = 4526) => new WKTReader(GeometryKit.Services).Read(wkt).Also(g => g.SRID = srid);

    /// <summary>Polygons in EPSG:4526 (zone 38, prefixed): plain, with two holes, a multipolygon whose second part has a hole; shells given counter-clockwise on purpose.</summary>
    public static FeatureSet Parcels(int srid = 4526)
    {
        var set = new FeatureSet { Srid = srid, Name = "parcels" };
        for (var i = 0; i < ParcelWkts.Length; i++)
        {
            var feature = new GeoFeature(Wkt(ParcelWkts[i], srid));
            feature.Attributes["NAME"] = ParcelNames[i];
            feature.Attributes["CODE"] = (long)(410100 + i);
            feature.Attributes["AREA"] = new[] { 0.1234, 123456.789, 0.30000000000000004 }[i];
            feature.Attributes["VALID"] = i != 1;
            feature.Attributes["DATE"] = new DateOnly(2024, 6, 1 + i);
            feature.Attributes["NOTE"] = i == 1 ? null : "备注" + i;
            set.Features.Add(feature);
        }
        return set;
    }

    public static readonly string[] ParcelNames = [ChineseName, "永久基本农田", "城镇开发边界 CZKFBJ"];

    public static readonly string[] ParcelWkts =
        [
            "POLYGON ((38465650.123456789 3846600.987654321, 38465750.5 3846600.25, 38465750.75 3846700.125, 38465650.123456789 3846600.987654321))",
            "POLYGON ((38466000.1 3847000.2, 38466500.3 3847000.4, 38466500.5 3847500.6, 38466000.7 3847500.8, 38466000.1 3847000.2), " +
            "(38466100.11 3847100.22, 38466100.33 3847200.44, 38466200.55 3847200.66, 38466100.11 3847100.22), " +
            "(38466300.1 3847300.1, 38466300.2 3847400.2, 38466400.3 3847400.3, 38466400.4 3847300.4, 38466300.1 3847300.1))",
            "MULTIPOLYGON (((38470000 3850000, 38470100.000000001 3850000, 38470100 3850100, 38470000 3850100, 38470000 3850000)), " +
            "((38471000 3850000, 38472000 3850000, 38472000 3851000, 38471000 3851000, 38471000 3850000), " +
            "(38471200 3850200, 38471200 3850400, 38471400 3850400, 38471400 3850200, 38471200 3850200)))",
        ];

    private static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
