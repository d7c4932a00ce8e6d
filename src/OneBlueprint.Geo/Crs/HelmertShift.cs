namespace OneBlueprint.Geo.Crs;

/// <summary>
/// A 7-parameter datum shift between lon/lat (degrees) on two ellipsoids, through geocentric coordinates,
/// computed the way PROJ does for +towgs84: heights are taken as 0 on the source ellipsoid and dropped on
/// the target (PROJ's push/pop of v_3), the rotation matrix is the small-angle position-vector one, and the
/// reverse direction applies its transpose (PROJ's helmert reverse), so results agree with cs2cs to well
/// below a millimetre.
/// </summary>
internal sealed class HelmertShift
{
    private const double ArcSecond = Math.PI / (180.0 * 3600.0);
    private const double Degree = Math.PI / 180.0;

    private readonly ReferenceEllipsoid _source;
    private readonly ReferenceEllipsoid _target;
    private readonly bool _reverse;
    private readonly double _tx, _ty, _tz, _scale;
    private readonly double _r00, _r01, _r02, _r10, _r11, _r12, _r20, _r21, _r22;

    /// <param name="datumEllipsoid">Ellipsoid of the datum the parameters start from.</param>
    /// <param name="hubEllipsoid">Ellipsoid of CGCS2000, where the parameters lead.</param>
    /// <param name="reverse">True to go from the hub back to the datum.</param>
    public HelmertShift(BursaWolfParameters p, ReferenceEllipsoid datumEllipsoid, ReferenceEllipsoid hubEllipsoid, bool reverse)
    {
        _reverse = reverse;
        _source = reverse ? hubEllipsoid : datumEllipsoid;
        _target = reverse ? datumEllipsoid : hubEllipsoid;
        _tx = p.Dx; _ty = p.Dy; _tz = p.Dz;
        _scale = 1.0 + p.Ds * 1e-6;
        double rx = p.Rx * ArcSecond, ry = p.Ry * ArcSecond, rz = p.Rz * ArcSecond;
        // Position-vector convention: X' = T + (1 + s) R X.
        _r00 = 1; _r01 = -rz; _r02 = ry;
        _r10 = rz; _r11 = 1; _r12 = -rx;
        _r20 = -ry; _r21 = rx; _r22 = 1;
    }

    public void Apply(Span<double> xs, Span<double> ys)
    {
        for (var i = 0; i < xs.Length; i++)
        {
            var (x, y, z) = ToGeocentric(_source, xs[i] * Degree, ys[i] * Degree);
            double ox, oy, oz;
            if (!_reverse)
            {
                ox = _scale * (_r00 * x + _r01 * y + _r02 * z) + _tx;
                oy = _scale * (_r10 * x + _r11 * y + _r12 * z) + _ty;
                oz = _scale * (_r20 * x + _r21 * y + _r22 * z) + _tz;
            }
            else
            {
                x -= _tx; y -= _ty; z -= _tz;
                ox = (_r00 * x + _r10 * y + _r20 * z) / _scale;
                oy = (_r01 * x + _r11 * y + _r21 * z) / _scale;
                oz = (_r02 * x + _r12 * y + _r22 * z) / _scale;
            }
            var (lon, lat) = ToGeodetic(_target, ox, oy, oz);
            xs[i] = lon / Degree;
            ys[i] = lat / Degree;
        }
    }

    private static (double X, double Y, double Z) ToGeocentric(ReferenceEllipsoid e, double lon, double lat)
    {
        var e2 = e.EccentricitySquared;
        var sinLat = Math.Sin(lat);
        var n = e.SemiMajorAxis / Math.Sqrt(1 - e2 * sinLat * sinLat);
        var cosLat = Math.Cos(lat);
        return (n * cosLat * Math.Cos(lon), n * cosLat * Math.Sin(lon), n * (1 - e2) * sinLat);
    }

    /// <summary>Geocentric to geodetic by fixed-point iteration on latitude (converges to 1e-15 rad in a few steps away from the poles).</summary>
    private static (double Lon, double Lat) ToGeodetic(ReferenceEllipsoid e, double x, double y, double z)
    {
        var e2 = e.EccentricitySquared;
        var a = e.SemiMajorAxis;
        var p = Math.Sqrt(x * x + y * y);
        var lat = Math.Atan2(z, p * (1 - e2));
        for (var k = 0; k < 10; k++)
        {
            var sinLat = Math.Sin(lat);
            var n = a / Math.Sqrt(1 - e2 * sinLat * sinLat);
            var h = p / Math.Cos(lat) - n;
            var next = Math.Atan2(z, p * (1 - e2 * n / (n + h)));
            var done = Math.Abs(next - lat) < 1e-14;
            lat = next;
            if (done) break;
        }
        return (Math.Atan2(y, x), lat);
    }
}
