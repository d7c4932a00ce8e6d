using OneBlueprint.Geo.Crs;

namespace OneBlueprint.DemoCity.Tests.Crs;

public class Gcj02Tests
{
    [Fact]
    public void Forward_MatchesThePublishedBeijingVector()
    {
        // The reference pair every public implementation (eviltransform, coordtransform) tests against.
        var (lon, lat) = Gcj02.FromWgs84(116.404, 39.915);
        Assert.Equal(116.41024449916938, lon, 1e-9);
        Assert.Equal(39.91640428150164, lat, 1e-9);
    }

    [Fact]
    public void Inverse_UndoesTheForwardToATenMillionthOfADegree()
    {
        for (var lon = 74.0; lon <= 134.0; lon += 2.5)
        for (var lat = 18.0; lat <= 53.0; lat += 2.5)
        {
            var (gLon, gLat) = Gcj02.FromWgs84(lon, lat);
            var (wLon, wLat) = Gcj02.ToWgs84(gLon, gLat);
            Assert.True(Math.Abs(wLon - lon) < 1e-7 && Math.Abs(wLat - lat) < 1e-7, $"({lon}, {lat}) came back as ({wLon}, {wLat})");
        }
    }

    [Fact]
    public void Inverse_OfThePublishedVectorGivesBackTheWgs84Point()
    {
        var (lon, lat) = Gcj02.ToWgs84(116.41024449916938, 39.91640428150164);
        Assert.Equal(116.404, lon, 1e-7);
        Assert.Equal(39.915, lat, 1e-7);
    }

    [Fact]
    public void Shift_InZhengzhouIsBetween300And700Metres()
    {
        for (var lon = 112.7; lon <= 114.2; lon += 0.1)
        for (var lat = 34.25; lat <= 34.95; lat += 0.1)
        {
            var (gLon, gLat) = Gcj02.FromWgs84(lon, lat);
            var metres = Haversine(lon, lat, gLon, gLat);
            Assert.InRange(metres, 300, 700);
        }
    }

    [Fact]
    public void Shift_IsZeroOutsideChina()
    {
        Assert.Equal((2.35, 48.85), Gcj02.FromWgs84(2.35, 48.85));
        Assert.Equal((2.35, 48.85), Gcj02.ToWgs84(2.35, 48.85));
    }

    [Fact]
    public void ToCgcs2000_MovesEveryVertexAndLabelsTheResult4490()
    {
        var factory = OneBlueprint.Geo.Spatial.GeometryKit.Factory(0);
        var line = factory.CreateLineString([new(113.6, 34.7), new(113.7, 34.8)]);
        var converted = Gcj02.ToCgcs2000(line);
        Assert.Equal(CrsCatalog.Cgcs2000, converted.SRID);
        for (var i = 0; i < 2; i++)
        {
            var expected = Gcj02.ToWgs84(line.Coordinates[i].X, line.Coordinates[i].Y);
            Assert.Equal(expected.Lon, converted.Coordinates[i].X, 1e-12);
            Assert.Equal(expected.Lat, converted.Coordinates[i].Y, 1e-12);
        }
        Assert.Equal(113.6, line.Coordinates[0].X); // the input is not changed
    }

    private static double Haversine(double lon1, double lat1, double lon2, double lat2)
    {
        const double r = 6_371_008.8;
        double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * r * Math.Asin(Math.Sqrt(a));
    }
}
