using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Geo.Tests.Crs;

/// <summary>Reprojector against PROJ's cs2cs run live on points spread over each system's area.</summary>
public class ReprojectorCs2csTests
{
    private const double Millimetre = 0.001;

    /// <summary>Lon/lat points across a 3° zone: west edge, centre, east edge; south, middle, north China.</summary>
    private static List<(double Lon, double Lat)> ZonePoints(int zone)
    {
        var cm = CrsCatalog.CentralMeridian(zone);
        var points = new List<(double, double)>();
        foreach (var dLon in new[] { -1.49, -0.7, 0.0, 0.33, 1.49 })
        foreach (var lat in new[] { 18.3, 30.1, 41.7, 52.9 })
            points.Add((cm + dLon, lat));
        return points;
    }

    private static void AssertClose((double X, double Y) got, (double X, double Y) expected, double tolerance, string what) =>
        Assert.True(Math.Abs(got.X - expected.X) <= tolerance && Math.Abs(got.Y - expected.Y) <= tolerance,
            FormattableString.Invariant($"{what}: got ({got.X:F6}, {got.Y:F6}), cs2cs ({expected.X:F6}, {expected.Y:F6})"));

    [Theory]
    [InlineData(4513)]
    [InlineData(4519)]
    [InlineData(4524)]
    [InlineData(4528)]
    [InlineData(4533)]
    [InlineData(4534)]
    [InlineData(4554)]
    public void Cgcs2000GaussKruger_MatchesCs2csBothWays(int srid)
    {
        var zone = CrsCatalog.DescribeGaussKruger(srid)!.Value.Zone;
        var points = ZonePoints(zone);
        // EPSG axis order in cs2cs: 4490 is lat,lon; the GK systems are northing,easting.
        var expected = ProjCommand.Cs2cs("EPSG:4490", $"EPSG:{srid}", points.Select(p => (p.Lat, p.Lon)));
        for (var i = 0; i < points.Count; i++)
        {
            var got = Reprojector.Transform(points[i].Lon, points[i].Lat, CrsCatalog.Cgcs2000, srid);
            AssertClose(got, (expected[i].B, expected[i].A), Millimetre, $"EPSG:4490→{srid} {points[i]}");
            var back = Reprojector.Transform(expected[i].B, expected[i].A, srid, CrsCatalog.Cgcs2000);
            AssertClose(back, points[i], 1e-8, $"EPSG:{srid}→4490");
        }
    }

    [Fact]
    public void WebMercator_MatchesCs2csBothWays()
    {
        var points = new List<(double Lon, double Lat)> { (73.5, 3.9), (113.665412, 34.757975), (135.0, 53.5), (-122.4, 37.8), (0, 0), (179.9, -84.9) };
        var expected = ProjCommand.Cs2cs("EPSG:4326", "EPSG:3857", points.Select(p => (p.Lat, p.Lon)));
        for (var i = 0; i < points.Count; i++)
        {
            var got = Reprojector.Transform(points[i].Lon, points[i].Lat, CrsCatalog.Wgs84, CrsCatalog.WebMercator);
            AssertClose(got, (expected[i].A, expected[i].B), Millimetre, $"4326→3857 {points[i]}");
            var back = Reprojector.Transform(expected[i].A, expected[i].B, CrsCatalog.WebMercator, CrsCatalog.Cgcs2000);
            AssertClose(back, points[i], 1e-8, "3857→4490");
        }
    }

    [Fact]
    public void WebMercatorFromGaussKruger_MatchesCs2cs()
    {
        var points = ZonePoints(38).Select(p => Reprojector.Transform(p.Lon, p.Lat, CrsCatalog.Cgcs2000, 4526)).ToList();
        var expected = ProjCommand.Cs2cs("EPSG:4526", "EPSG:3857", points.Select(p => (p.Y, p.X)));
        for (var i = 0; i < points.Count; i++)
            AssertClose(Reprojector.Transform(points[i].X, points[i].Y, 4526, CrsCatalog.WebMercator), expected[i], Millimetre, "4526→3857");
    }

    [Theory]
    [InlineData(2361, 2362)] // Xian 1980 zone 37 → 38, prefixed
    [InlineData(2363, 2382)] // Xian 1980 zone 39 → CM 111
    [InlineData(2434, 2436)] // Beijing 1954 CM 111 → CM 117
    [InlineData(2414, 2435)] // Beijing 1954 zone 38 → CM 114
    public void SameDatumZoneChange_MatchesCs2csWithoutParameters(int fromSrid, int toSrid)
    {
        var from = CrsCatalog.DescribeGaussKruger(fromSrid)!.Value;
        var geographic = from.Datum == GeodeticDatum.Xian1980 ? CrsCatalog.Xian1980Geographic : CrsCatalog.Beijing1954Geographic;
        // Points spread around the Henan border between the two zones, first placed in the source system.
        var lonLat = new[] { (112.1, 32.4), (113.2, 33.9), (114.0, 34.75), (115.3, 35.6), (116.4, 36.1), (111.0, 31.5) };
        var points = lonLat.Select(p => Reprojector.Transform(p.Item1, p.Item2, geographic, fromSrid)).ToList();
        var expected = ProjCommand.Cs2cs($"EPSG:{fromSrid}", $"EPSG:{toSrid}", points.Select(p => (p.Y, p.X)));
        for (var i = 0; i < points.Count; i++)
            AssertClose(Reprojector.Transform(points[i].X, points[i].Y, fromSrid, toSrid), (expected[i].B, expected[i].A), Millimetre,
                $"EPSG:{fromSrid}→{toSrid}");
    }

    [Theory]
    [InlineData(4610)]
    [InlineData(4214)]
    [InlineData(2370)]
    [InlineData(2390)]
    [InlineData(2401)]
    [InlineData(2421)]
    public void OtherDatumProjection_MatchesCs2cs(int srid)
    {
        // Projection on the Xian 1980 / Beijing 1954 ellipsoids, within the datum (no shift involved).
        var datum = CrsRegistry.Datum(srid);
        var geographic = datum == GeodeticDatum.Xian1980 ? CrsCatalog.Xian1980Geographic : CrsCatalog.Beijing1954Geographic;
        if (srid == geographic) srid = CrsCatalog.GaussKrugerSrid(datum, 38, prefixed: true);
        var zone = CrsCatalog.DescribeGaussKruger(srid)!.Value.Zone;
        var points = ZonePoints(zone);
        var expected = ProjCommand.Cs2cs($"EPSG:{geographic}", $"EPSG:{srid}", points.Select(p => (p.Lat, p.Lon)));
        for (var i = 0; i < points.Count; i++)
            AssertClose(Reprojector.Transform(points[i].Lon, points[i].Lat, geographic, srid), (expected[i].B, expected[i].A), Millimetre,
                $"EPSG:{geographic}→{srid}");
    }
}
