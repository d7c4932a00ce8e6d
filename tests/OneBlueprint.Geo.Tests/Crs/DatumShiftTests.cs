using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Geo.Tests.Crs;

/// <summary>Xian 1980 / Beijing 1954 ↔ CGCS2000: refused without a 7-parameter set, PROJ-exact with one.</summary>
[Collection(DatumShiftCollection.Name)]
public sealed class DatumShiftTests : IDisposable
{
    // A made-up but realistically sized set (tens of metres, sub-arc-second rotations, ~1 ppm): any local
    // set is applied by the same formula, so the check against cs2cs carries over.
    private static readonly BursaWolfParameters Xian = BursaWolfParameters.Parse("24.5,-123.1,-94.2,0.92,-2.55,-3.13,1.7");
    private static readonly BursaWolfParameters Beijing = BursaWolfParameters.Parse("-15.8,-147.3,-52.9,-1.1,0.4,-2.7,-3.2");

    private const string Cgcs2000LonLat = "+proj=longlat +a=6378137 +rf=298.257222101 +towgs84=0,0,0,0,0,0,0 +no_defs +type=crs";

    private static readonly (double Lon, double Lat)[] HenanLonLat =
        [(113.665412, 34.757975), (114.341447, 34.797049), (112.434468, 34.663041), (115.65, 32.13), (111.2, 33.5), (113.1, 36.05)];

    public DatumShiftTests() => DatumShiftSettings.Reset();

    public void Dispose() => DatumShiftSettings.Reset();

    private static string TmercXian(int zone) =>
        FormattableString.Invariant($"+proj=tmerc +lat_0=0 +lon_0={zone * 3} +k=1 +x_0={zone * 1_000_000 + 500_000} +y_0=0 +ellps=IAU76 +towgs84={Xian} +units=m +no_defs +type=crs");

    [Fact]
    public void XianToCgcs2000_WithoutParameters_ThrowsExplainingHowToConfigure()
    {
        DatumShiftSettings.Configure(GeodeticDatum.Xian1980, null);
        var e = Assert.Throws<CrsException>(() => Reprojector.Transform(38_469_366.0, 3_847_794.0, 2362, CrsCatalog.Cgcs2000));
        Assert.Contains("no national grid", e.Message);
        Assert.Contains("7-parameter", e.Message);
        Assert.Contains(DatumShiftSettings.Xian1980Variable, e.Message);
        Assert.Equal(2362, e.FromSrid);
        Assert.Throws<CrsException>(() => Reprojector.EnsureSupported(CrsCatalog.Cgcs2000, 2383));
    }

    [Fact]
    public void BeijingToXian_WithoutBeijingParameters_ThrowsNamingBeijingVariable()
    {
        DatumShiftSettings.Configure(GeodeticDatum.Xian1980, Xian);
        DatumShiftSettings.Configure(GeodeticDatum.Beijing1954, null);
        var e = Assert.Throws<CrsException>(() => Reprojector.Transform(114, 34, CrsCatalog.Beijing1954Geographic, CrsCatalog.Xian1980Geographic));
        Assert.Contains(DatumShiftSettings.Beijing1954Variable, e.Message);
    }

    [Fact]
    public void AreasOfXianGeometry_WithoutParameters_ThrowsForTheEllipsoidalArea()
    {
        DatumShiftSettings.Configure(GeodeticDatum.Xian1980, null);
        var parcel = OneBlueprint.Geo.Spatial.GeometryKit.Factory(2362).CreatePolygon(
            [new(38_465_650, 3_846_600), new(38_465_750, 3_846_600), new(38_465_750, 3_846_700), new(38_465_650, 3_846_600)]);
        var e = Assert.Throws<CrsException>(() => OneBlueprint.Geo.Spatial.Areas.Measure(parcel, 2362));
        Assert.Contains(DatumShiftSettings.Xian1980Variable, e.Message);
    }

    [Fact]
    public void SameDatumZoneChange_WithoutParameters_Works()
    {
        DatumShiftSettings.Configure(GeodeticDatum.Xian1980, null);
        var (e, n) = Reprojector.Transform(38_469_366.0, 3_847_794.0, 2362, 2361);
        Assert.InRange(e, 37_000_000, 38_000_000);
        Assert.InRange(n, 3_800_000, 3_900_000);
    }

    [Fact]
    public void XianGaussKrugerToCgcs2000_WithConfiguredSet_MatchesCs2csTowgs84()
    {
        DatumShiftSettings.Configure(GeodeticDatum.Xian1980, Xian);
        var points = HenanLonLat.Select(p => Reprojector.Transform(p.Lon, p.Lat, CrsCatalog.Xian1980Geographic, 2362)).ToList();
        // proj strings put easting first.
        var expected = ProjCommand.Cs2cs(TmercXian(38), Cgcs2000LonLat, points.Select(p => (p.X, p.Y)));
        for (var i = 0; i < points.Count; i++)
        {
            var (lon, lat) = Reprojector.Transform(points[i].X, points[i].Y, 2362, CrsCatalog.Cgcs2000);
            Assert.True(Math.Abs(lon - expected[i].A) < 1e-8 && Math.Abs(lat - expected[i].B) < 1e-8,
                $"got {lon:F10},{lat:F10} cs2cs {expected[i].A:F10},{expected[i].B:F10}");
            var shift = Math.Abs(lon - HenanLonLat[i].Lon) + Math.Abs(lat - HenanLonLat[i].Lat);
            Assert.True(shift > 1e-5, "the 7-parameter shift must move the point");
        }
    }

    [Fact]
    public void XianGaussKrugerToCgcs2000GaussKruger_WithConfiguredSet_MatchesCs2csToOneMillimetre()
    {
        DatumShiftSettings.Configure(GeodeticDatum.Xian1980, Xian);
        var points = HenanLonLat.Select(p => Reprojector.Transform(p.Lon, p.Lat, CrsCatalog.Xian1980Geographic, 2362)).ToList();
        var target = "+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +a=6378137 +rf=298.257222101 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs";
        var expected = ProjCommand.Cs2cs(TmercXian(38), target, points.Select(p => (p.X, p.Y)));
        for (var i = 0; i < points.Count; i++)
        {
            var (e, n) = Reprojector.Transform(points[i].X, points[i].Y, 2362, 4547);
            Assert.True(Math.Abs(e - expected[i].A) <= 0.001 && Math.Abs(n - expected[i].B) <= 0.001,
                $"got {e:F4},{n:F4} cs2cs {expected[i].A:F4},{expected[i].B:F4}");
        }
    }

    [Fact]
    public void Cgcs2000ToXianGaussKruger_WithConfiguredSet_MatchesCs2csReverse()
    {
        DatumShiftSettings.Configure(GeodeticDatum.Xian1980, Xian);
        var expected = ProjCommand.Cs2cs(Cgcs2000LonLat, TmercXian(38), HenanLonLat.Select(p => (p.Lon, p.Lat)));
        for (var i = 0; i < HenanLonLat.Length; i++)
        {
            var (e, n) = Reprojector.Transform(HenanLonLat[i].Lon, HenanLonLat[i].Lat, CrsCatalog.Cgcs2000, 2362);
            Assert.True(Math.Abs(e - expected[i].A) <= 0.001 && Math.Abs(n - expected[i].B) <= 0.001,
                $"got {e:F4},{n:F4} cs2cs {expected[i].A:F4},{expected[i].B:F4}");
        }
    }

    [Fact]
    public void BeijingToXian_ThroughCgcs2000_MatchesCs2cs()
    {
        DatumShiftSettings.Configure(GeodeticDatum.Xian1980, Xian);
        DatumShiftSettings.Configure(GeodeticDatum.Beijing1954, Beijing);
        var source = FormattableString.Invariant($"+proj=longlat +ellps=krass +towgs84={Beijing} +no_defs +type=crs");
        var expected = ProjCommand.Cs2cs(source, TmercXian(38), HenanLonLat.Select(p => (p.Lon, p.Lat)));
        for (var i = 0; i < HenanLonLat.Length; i++)
        {
            var (e, n) = Reprojector.Transform(HenanLonLat[i].Lon, HenanLonLat[i].Lat, CrsCatalog.Beijing1954Geographic, 2362);
            Assert.True(Math.Abs(e - expected[i].A) <= 0.001 && Math.Abs(n - expected[i].B) <= 0.001,
                $"got {e:F4},{n:F4} cs2cs {expected[i].A:F4},{expected[i].B:F4}");
        }
    }

    [Fact]
    public void EnvironmentVariable_IsReadAfterReset()
    {
        var before = Environment.GetEnvironmentVariable(DatumShiftSettings.Xian1980Variable);
        try
        {
            Environment.SetEnvironmentVariable(DatumShiftSettings.Xian1980Variable, Xian.ToString());
            DatumShiftSettings.Reset();
            Assert.Equal(Xian, DatumShiftSettings.For(GeodeticDatum.Xian1980));
            Reprojector.EnsureSupported(2362, CrsCatalog.Cgcs2000);

            Environment.SetEnvironmentVariable(DatumShiftSettings.Xian1980Variable, "24,-123,oops");
            DatumShiftSettings.Reset();
            var e = Assert.Throws<CrsException>(() => Reprojector.EnsureSupported(2362, CrsCatalog.Cgcs2000));
            Assert.Contains("dx,dy,dz,rx,ry,rz,ds", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DatumShiftSettings.Xian1980Variable, before);
        }
    }

    [Fact]
    public void ChangingSettings_InvalidatesCachedTransformations()
    {
        DatumShiftSettings.Configure(GeodeticDatum.Xian1980, Xian);
        var first = Reprojector.Transform(114.0, 34.0, CrsCatalog.Xian1980Geographic, CrsCatalog.Cgcs2000);
        DatumShiftSettings.Configure(GeodeticDatum.Xian1980, Xian with { Dx = Xian.Dx + 100 });
        var second = Reprojector.Transform(114.0, 34.0, CrsCatalog.Xian1980Geographic, CrsCatalog.Cgcs2000);
        Assert.NotEqual(first, second);
        DatumShiftSettings.Configure(GeodeticDatum.Xian1980, null);
        Assert.Throws<CrsException>(() => Reprojector.Transform(114.0, 34.0, CrsCatalog.Xian1980Geographic, CrsCatalog.Cgcs2000));
    }
}
