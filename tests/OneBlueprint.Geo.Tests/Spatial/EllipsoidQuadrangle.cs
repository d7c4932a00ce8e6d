using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Geo.Tests.Spatial;

/// <summary>
/// The region between two meridians and two parallels on the CGCS2000 ellipsoid: its exact area by numerical
/// integration of the ellipsoid's area element M(φ)·N(φ)·cos φ dφ dλ (independent of the authalic-latitude
/// formulas under test), and a lon/lat polygon tracing it with densified edges.
/// </summary>
internal static class EllipsoidQuadrangle
{
    private const double A = 6378137.0;
    private const double InverseFlattening = 298.257222101;
    private const double Degree = Math.PI / 180;

    /// <summary>Composite Simpson over latitude with 20,000 intervals: error far below 1e-12 relative.</summary>
    public static double Area(double west, double south, double east, double north)
    {
        var f = 1 / InverseFlattening;
        var e2 = f * (2 - f);
        double Element(double phi)
        {
            var w = 1 - e2 * Math.Sin(phi) * Math.Sin(phi);
            return A * A * (1 - e2) * Math.Cos(phi) / (w * w); // M·N·cos φ
        }
        const int n = 20_000;
        double a = south * Degree, b = north * Degree, h = (b - a) / n;
        var sum = Element(a) + Element(b);
        for (var i = 1; i < n; i++) sum += Element(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return (east - west) * Degree * sum * h / 3;
    }

    /// <summary>The quadrangle's boundary with <paramref name="pointsPerEdge"/> points on each edge (parallels are curves).</summary>
    public static Coordinate[] Ring(double west, double south, double east, double north, int pointsPerEdge, bool clockwise = false)
    {
        var ring = new List<Coordinate>();
        for (var i = 0; i < pointsPerEdge; i++) ring.Add(new(west + (east - west) * i / pointsPerEdge, south));
        for (var i = 0; i < pointsPerEdge; i++) ring.Add(new(east, south + (north - south) * i / pointsPerEdge));
        for (var i = 0; i < pointsPerEdge; i++) ring.Add(new(east - (east - west) * i / pointsPerEdge, north));
        for (var i = 0; i < pointsPerEdge; i++) ring.Add(new(west, north - (north - south) * i / pointsPerEdge));
        ring.Add(ring[0].Copy());
        if (clockwise) ring.Reverse();
        return ring.ToArray();
    }

    public static Polygon Polygon(double west, double south, double east, double north, int pointsPerEdge = 400, bool clockwise = false) =>
        GeometryKit.Factory(4490).CreatePolygon(Ring(west, south, east, north, pointsPerEdge, clockwise));
}
