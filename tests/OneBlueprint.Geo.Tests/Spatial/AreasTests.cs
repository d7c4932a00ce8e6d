using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Geo.Tests.Spatial;

public class AreasTests
{
    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            FormattableString.Invariant($"expected {expected:F6}, got {actual:F6}, relative {(actual - expected) / expected:E2}"));

    [Fact]
    public void Measure_GaussKrugerGeometry_PlanarInItsOwnSystemEllipsoidalOnCgcs2000()
    {
        var lonLat = EllipsoidQuadrangle.Polygon(113.60, 34.70, 113.611, 34.709, 40);
        var projected = Reprojector.Transform(lonLat, CrsCatalog.Cgcs2000, 4526);

        var measure = Areas.Measure(projected, 4526);

        Assert.Equal(4526, measure.PlanarSrid);
        Assert.Equal(projected.Area, measure.PlanarM2);
        AssertRelative(EllipsoidQuadrangle.Area(113.60, 34.70, 113.611, 34.709), measure.EllipsoidalM2, 1e-7);
    }

    [Fact]
    public void Measure_LonLatGeometry_PlanarInTheUnprefixedZoneOfItsCentroid()
    {
        var measure = Areas.Measure(EllipsoidQuadrangle.Polygon(115.60, 32.10, 115.62, 32.12, 40), CrsCatalog.Cgcs2000);
        Assert.Equal(4548, measure.PlanarSrid); // 115.6°E is in zone 39, CM 117°E
        Assert.Equal(4547, Areas.Measure(EllipsoidQuadrangle.Polygon(113.60, 34.70, 113.62, 34.72, 40), CrsCatalog.Wgs84).PlanarSrid);
    }

    [Theory]
    [InlineData(114.00, 34.0)]  // on the central meridian: planar ≈ ellipsoidal
    [InlineData(115.40, 34.0)]  // 1.4° east: Gauss-Krüger (k = 1) enlarges areas by about (1 + E²/2R²)²
    [InlineData(112.62, 33.0)]
    public void Measure_PlanarToEllipsoidalRatio_FollowsTheGaussKrugerScale(double lon, double lat)
    {
        var lonLat = EllipsoidQuadrangle.Polygon(lon, lat, lon + 0.01, lat + 0.01, 20);
        var measure = Areas.Measure(Reprojector.Transform(lonLat, CrsCatalog.Cgcs2000, 4547), 4547);

        var centre = Reprojector.Transform(lon + 0.005, lat + 0.005, CrsCatalog.Cgcs2000, 4547);
        var e = centre.X - 500_000;
        const double a = 6378137, f = 1 / 298.257222101;
        var e2 = f * (2 - f);
        var s = Math.Sin((lat + 0.005) * Math.PI / 180);
        var r2 = a * a * (1 - e2) / Math.Pow(1 - e2 * s * s, 2); // M·N, the Gaussian radius squared
        var k = 1 + e * e / (2 * r2);
        AssertRelative(measure.EllipsoidalM2 * k * k, measure.PlanarM2, 2e-6);
    }

    [Fact]
    public void Measure_WebMercatorGeometry_GivesTheSameEllipsoidalArea()
    {
        var lonLat = EllipsoidQuadrangle.Polygon(113.60, 34.70, 113.62, 34.72, 40);
        var measure = Areas.Measure(Reprojector.Transform(lonLat, CrsCatalog.Cgcs2000, CrsCatalog.WebMercator), CrsCatalog.WebMercator);
        AssertRelative(EllipsoidQuadrangle.Area(113.60, 34.70, 113.62, 34.72), measure.EllipsoidalM2, 1e-7);
        Assert.Equal(4547, measure.PlanarSrid);
    }

    [Fact]
    public void AreaMeasure_ConvertsToHectaresAndMu()
    {
        var measure = new AreaMeasure(20_000, 19_990, 4547);
        Assert.Equal(2.0, measure.PlanarHa, 12);
        Assert.Equal(30.0, measure.PlanarMu, 12);
        Assert.Equal(1.999, measure.EllipsoidalHa, 12);
        Assert.Equal(29.985, measure.EllipsoidalMu, 12);
    }
}
