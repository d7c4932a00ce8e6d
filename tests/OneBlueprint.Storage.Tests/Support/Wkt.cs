using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Storage.Tests.Support;

/// <summary>WKT parsing with the project's geometry services.</summary>
public static class Wkt
{
    public static Geometry Read(string wkt, int srid)
    {
        var g = new WKTReader(GeometryKit.Services).Read(wkt);
        g.SRID = srid;
        return g;
    }
}
