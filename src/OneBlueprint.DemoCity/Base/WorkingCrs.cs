using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;

namespace OneBlueprint.DemoCity.Base;

/// <summary>
/// The demo city's working CRS, EPSG:4547 (CGCS2000 3° Gauss-Krüger, CM 114°E, no zone prefix), and the
/// one place the generator converts CGCS2000 lon/lat into it (through <see cref="Reprojector"/>).
/// </summary>
public static class WorkingCrs
{
    public const int Srid = 4547;

    /// <summary>A CGCS2000 (≈ WGS84) lon/lat geometry in EPSG:4547.</summary>
    public static Geometry FromLonLat(Geometry lonLat) => Reprojector.Transform(lonLat, CrsCatalog.Cgcs2000, Srid);

    /// <summary>One CGCS2000 lon/lat point in EPSG:4547.</summary>
    public static Coordinate FromLonLat(double lon, double lat)
    {
        var (x, y) = Reprojector.Transform(lon, lat, CrsCatalog.Cgcs2000, Srid);
        return new Coordinate(x, y);
    }
}
