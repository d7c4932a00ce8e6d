using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Geo.Tests.Spatial;

/// <summary>EllipsoidalArea against the closed region between meridians and parallels, integrated independently.</summary>
public class EllipsoidalAreaTests
{
    private const double Tolerance = 1e-7;

    private static void AssertRelative(double expected, double actual, double tolerance = Tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            FormattableString.Invariant($"expected {expected:F6}, got {actual:F6}, relative {(actual - expected) / expected:E2}"));

    [Theory]
    [InlineData(113.60, 34.70, 113.601, 34.701, 8)]        // ~0.9 ha parcel
    [InlineData(113.60, 34.70, 113.611, 34.709, 40)]       // ~100 ha
    [InlineData(113.0, 34.0, 114.0, 35.0, 400)]             // ~1 degree, county to city size
    [InlineData(110.36, 31.38, 116.65, 36.37, 2000)]       // all of Henan's bounding box
    [InlineData(75.0, 3.5, 75.5, 4.0, 100)]                 // near the equator
    [InlineData(125.0, 52.5, 126.0, 53.5, 400)]             // far north
    public void Of_Quadrangle_MatchesIntegratedEllipsoidArea(double west, double south, double east, double north, int pointsPerEdge)
    {
        var expected = EllipsoidQuadrangle.Area(west, south, east, north);
        AssertRelative(expected, EllipsoidalArea.Of(EllipsoidQuadrangle.Polygon(west, south, east, north, pointsPerEdge)));
    }

    [Fact]
    public void Of_RingOrientation_DoesNotMatter()
    {
        var expected = EllipsoidQuadrangle.Area(113.6, 34.7, 113.62, 34.71);
        AssertRelative(expected, EllipsoidalArea.Of(EllipsoidQuadrangle.Polygon(113.6, 34.7, 113.62, 34.71, 20, clockwise: true)));
    }

    [Fact]
    public void Of_PolygonWithHole_SubtractsTheHole()
    {
        var factory = GeometryKit.Factory(4490);
        var shell = factory.CreateLinearRing(EllipsoidQuadrangle.Ring(113.0, 34.0, 113.2, 34.2, 100));
        var hole = factory.CreateLinearRing(EllipsoidQuadrangle.Ring(113.05, 34.05, 113.1, 34.1, 50, clockwise: true));
        var expected = EllipsoidQuadrangle.Area(113.0, 34.0, 113.2, 34.2) - EllipsoidQuadrangle.Area(113.05, 34.05, 113.1, 34.1);
        AssertRelative(expected, EllipsoidalArea.Of(factory.CreatePolygon(shell, [hole])));
    }

    [Fact]
    public void Of_MultiPolygon_SumsItsParts()
    {
        var factory = GeometryKit.Factory(4490);
        var multi = factory.CreateMultiPolygon([
            EllipsoidQuadrangle.Polygon(113.0, 34.0, 113.1, 34.1, 50),
            EllipsoidQuadrangle.Polygon(114.5, 33.0, 114.52, 33.03, 20),
        ]);
        var expected = EllipsoidQuadrangle.Area(113.0, 34.0, 113.1, 34.1) + EllipsoidQuadrangle.Area(114.5, 33.0, 114.52, 33.03);
        AssertRelative(expected, EllipsoidalArea.Of(multi));
    }

    [Fact]
    public void Of_NonPolygonal_IsZero()
    {
        var reader = new WKTReader(GeometryKit.Services);
        Assert.Equal(0, EllipsoidalArea.Of(reader.Read("LINESTRING (113 34, 114 35)")));
        Assert.Equal(0, EllipsoidalArea.Of(reader.Read("POINT (113 34)")));
        Assert.Equal(0, EllipsoidalArea.Of(reader.Read("POLYGON EMPTY")));
    }

    [Fact]
    public void Of_OtherEllipsoid_ScalesWithIt()
    {
        // Krassowsky's a is 108 m longer than CGCS2000's: a 1° square grows by about 2·108/6378137 ≈ 3.4e-5.
        var polygon = EllipsoidQuadrangle.Polygon(113, 34, 114, 35);
        var ratio = EllipsoidalArea.Of(polygon, ReferenceEllipsoid.Krassowsky1940) / EllipsoidalArea.Of(polygon);
        Assert.InRange(ratio, 1.00002, 1.00005);
    }
}
