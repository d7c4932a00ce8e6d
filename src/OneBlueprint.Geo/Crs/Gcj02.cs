using NetTopologySuite.Geometries;

namespace OneBlueprint.Geo.Crs;

/// <summary>
/// GCJ-02 (国测局坐标, "Mars coordinates"): the obfuscated lon/lat every public Chinese web map speaks.
/// DataV/AMap (高德) boundaries, and so the files in shared/data/henan-admin, are in GCJ-02: shifted by
/// roughly 550 m from WGS84 in Henan. CGCS2000 (EPSG:4490) agrees with WGS84 to within centimetres for
/// mapping purposes, so <see cref="ToWgs84(double, double)"/> output can be labelled EPSG:4490 directly.
/// <para>
/// The forward offset is the well-known public formula (as in eviltransform and coordtransform);
/// the official algorithm is not published and its inverse is not closed-form, so the inverse solves
/// forward(w) = g by fixed-point iteration until the residual is below 1e-9° (≈ 0.1 mm).
/// Outside China's rough bounding box the offset is zero, as in the published formula.
/// </para>
/// </summary>
public static class Gcj02
{
    // Krassowsky semi-major axis and first eccentricity squared, as in the published formula.
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;
    private const double InverseTolerance = 1e-9;
    private const int MaxIterations = 30;

    /// <summary>True where the formula applies no offset (outside China's rough bounding box).</summary>
    public static bool IsOutsideChina(double lon, double lat) =>
        lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;

    /// <summary>WGS84 (≈ CGCS2000) lon/lat → GCJ-02 lon/lat.</summary>
    public static (double Lon, double Lat) FromWgs84(double lon, double lat)
    {
        if (IsOutsideChina(lon, lat)) return (lon, lat);
        var (dLon, dLat) = Offset(lon, lat);
        return (lon + dLon, lat + dLat);
    }

    /// <summary>GCJ-02 lon/lat → WGS84 (≈ CGCS2000) lon/lat, by iteration to ~1e-9°.</summary>
    public static (double Lon, double Lat) ToWgs84(double lon, double lat)
    {
        if (IsOutsideChina(lon, lat)) return (lon, lat);
        var (wLon, wLat) = (lon, lat);
        for (var i = 0; i < MaxIterations; i++)
        {
            var (gLon, gLat) = FromWgs84(wLon, wLat);
            var (rLon, rLat) = (gLon - lon, gLat - lat);
            wLon -= rLon;
            wLat -= rLat;
            if (Math.Abs(rLon) < InverseTolerance && Math.Abs(rLat) < InverseTolerance) break;
        }
        return (wLon, wLat);
    }

    /// <summary>A copy of a GCJ-02 lon/lat geometry in WGS84/CGCS2000 lon/lat (SRID set to 4490).</summary>
    public static Geometry ToCgcs2000(Geometry gcj02)
    {
        var copy = gcj02.Copy();
        copy.Apply(new ShiftFilter(inverse: true));
        copy.GeometryChanged();
        copy.SRID = CrsCatalog.Cgcs2000;
        return copy;
    }

    /// <summary>A copy of a WGS84/CGCS2000 lon/lat geometry in GCJ-02 (for overlaying on AMap tiles).</summary>
    public static Geometry FromCgcs2000(Geometry lonLat)
    {
        var copy = lonLat.Copy();
        copy.Apply(new ShiftFilter(inverse: false));
        copy.GeometryChanged();
        return copy;
    }

    private static (double DLon, double DLat) Offset(double lon, double lat)
    {
        var x = lon - 105.0;
        var y = lat - 35.0;
        var dLat = TransformLat(x, y);
        var dLon = TransformLon(x, y);
        var radLat = lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - Ee * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }

    private static double TransformLat(double x, double y)
    {
        var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double TransformLon(double x, double y)
    {
        var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }

    private sealed class ShiftFilter(bool inverse) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (lon, lat) = inverse ? ToWgs84(seq.GetX(i), seq.GetY(i)) : FromWgs84(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, lon);
            seq.SetY(i, lat);
        }
    }
}
