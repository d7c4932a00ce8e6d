using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Geo.Tests.Crs;

/// <summary>Reprojector against the cs2cs reference file for 21 Henan points in six CGCS2000 GK systems.</summary>
public class ReprojectorReferenceTests
{
    private static readonly IReadOnlyList<HenanReferencePoints.Point> Points = HenanReferencePoints.Load();

    public static TheoryData<int> Systems() => new(HenanReferencePoints.Systems);

    [Fact]
    public void ReferenceFile_HasTheHenanPoints() => Assert.True(Points.Count >= 21, $"{HenanReferencePoints.CsvPath} has {Points.Count} points");

    [Theory]
    [MemberData(nameof(Systems))]
    public void Forward_MatchesCs2csWithinOneMillimetre(int srid)
    {
        foreach (var p in Points)
        {
            var (e, n) = Reprojector.Transform(p.Lon, p.Lat, CrsCatalog.Cgcs2000, srid);
            var expected = p.Projected[srid];
            Assert.True(Math.Abs(e - expected.E) <= 0.001 && Math.Abs(n - expected.N) <= 0.001,
                $"{p.Name} EPSG:{srid}: got E={e:F4} N={n:F4}, cs2cs E={expected.E:F4} N={expected.N:F4}");
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void Inverse_ReturnsToLonLatWithin1e8Degrees(int srid)
    {
        foreach (var p in Points)
        {
            var (e, n) = p.Projected[srid];
            var (lon, lat) = Reprojector.Transform(e, n, srid, CrsCatalog.Cgcs2000);
            Assert.True(Math.Abs(lon - p.Lon) <= 1e-8 && Math.Abs(lat - p.Lat) <= 1e-8,
                $"{p.Name} EPSG:{srid}: got {lon:F10},{lat:F10}, expected {p.Lon},{p.Lat}");
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void ArrayForm_MatchesReferenceForAllPointsAtOnce(int srid)
    {
        var xs = Points.Select(p => p.Lon).ToArray();
        var ys = Points.Select(p => p.Lat).ToArray();
        Reprojector.Transform(xs, ys, CrsCatalog.Cgcs2000, srid);
        for (var i = 0; i < Points.Count; i++)
        {
            var expected = Points[i].Projected[srid];
            Assert.InRange(xs[i], expected.E - 0.001, expected.E + 0.001);
            Assert.InRange(ys[i], expected.N - 0.001, expected.N + 0.001);
        }
    }

    [Fact]
    public void GeometryTransform_ProjectsEveryVertexAndSetsTargetSrid()
    {
        var factory = GeometryKit.Factory(CrsCatalog.Cgcs2000);
        var line = factory.CreateLineString(Points.Select(p => new Coordinate(p.Lon, p.Lat)).ToArray());
        var projected = Reprojector.Transform(line, CrsCatalog.Cgcs2000, 4526);
        Assert.Equal(4526, projected.SRID);
        Assert.Equal(4526, projected.Factory.SRID);
        Assert.Equal(CrsCatalog.Cgcs2000, line.SRID); // the input is untouched
        Assert.Equal(Points[0].Lon, line.Coordinates[0].X);
        for (var i = 0; i < Points.Count; i++)
        {
            var expected = Points[i].Projected[4526];
            Assert.InRange(projected.Coordinates[i].X, expected.E - 0.001, expected.E + 0.001);
            Assert.InRange(projected.Coordinates[i].Y, expected.N - 0.001, expected.N + 0.001);
        }
    }

    [Fact]
    public void GeometryTransform_KeepsHolesPartsAndClosure()
    {
        var reader = new NetTopologySuite.IO.WKTReader(GeometryKit.Services);
        var multi = reader.Read(
            "MULTIPOLYGON (((113.60 34.70, 113.70 34.70, 113.70 34.80, 113.60 34.80, 113.60 34.70), (113.62 34.72, 113.64 34.72, 113.64 34.74, 113.62 34.72)), ((114.0 35.0, 114.1 35.0, 114.1 35.1, 114.0 35.0)))");
        var projected = Reprojector.Transform(multi, CrsCatalog.Cgcs2000, 4547);
        Assert.IsType<MultiPolygon>(projected);
        Assert.Equal(2, projected.NumGeometries);
        Assert.Equal(1, ((Polygon)projected.GetGeometryN(0)).NumInteriorRings);
        Assert.True(projected.IsValid);
        var back = Reprojector.Transform(projected, 4547, CrsCatalog.Cgcs2000);
        Assert.True(back.EqualsExact(multi, 1e-9));
    }

    [Fact]
    public void GeometryTransform_EmptyGeometry_StaysEmptyWithTargetSrid()
    {
        var empty = new NetTopologySuite.IO.WKTReader(GeometryKit.Services).Read("POLYGON EMPTY");
        var projected = Reprojector.Transform(empty, CrsCatalog.Cgcs2000, 4547);
        Assert.True(projected.IsEmpty);
        Assert.Equal(4547, projected.SRID);
    }

    [Fact]
    public void GaussKrugerZoneToZone_MatchesReferenceColumns()
    {
        // Zone 38 (prefixed) → CM 111 (unprefixed, zone 37): both columns of the reference file.
        foreach (var p in Points)
        {
            var (e38, n38) = p.Projected[4526];
            var (e, n) = Reprojector.Transform(e38, n38, 4526, 4546);
            var expected = p.Projected[4546];
            Assert.InRange(e, expected.E - 0.001, expected.E + 0.001);
            Assert.InRange(n, expected.N - 0.001, expected.N + 0.001);
        }
    }

    [Fact]
    public void Wgs84_IsTreatedAsCgcs2000()
    {
        var p = Points[0];
        Assert.Equal((p.Lon, p.Lat), Reprojector.Transform(p.Lon, p.Lat, CrsCatalog.Wgs84, CrsCatalog.Cgcs2000));
        var (e, n) = Reprojector.Transform(p.Lon, p.Lat, CrsCatalog.Wgs84, 4526);
        Assert.InRange(e, p.Projected[4526].E - 0.001, p.Projected[4526].E + 0.001);
        Assert.InRange(n, p.Projected[4526].N - 0.001, p.Projected[4526].N + 0.001);
    }

    [Fact]
    public void ParallelUse_GivesTheSameResultsAsSequential()
    {
        var random = new Random(7);
        var lons = Enumerable.Range(0, 20_000).Select(_ => 110.5 + random.NextDouble() * 6).ToArray();
        var lats = Enumerable.Range(0, 20_000).Select(_ => 31 + random.NextDouble() * 6).ToArray();
        var xs = (double[])lons.Clone();
        var ys = (double[])lats.Clone();
        Reprojector.Transform(xs, ys, CrsCatalog.Cgcs2000, 4547);

        int[] targets = [4547, 4526, 3857, 4547, 4548, 4547];
        Parallel.For(0, 48, k =>
        {
            var target = targets[k % targets.Length];
            var px = (double[])lons.Clone();
            var py = (double[])lats.Clone();
            Reprojector.Transform(px, py, CrsCatalog.Cgcs2000, target);
            if (target != 4547) return;
            for (var i = 0; i < px.Length; i++)
                if (px[i] != xs[i] || py[i] != ys[i])
                    throw new Xunit.Sdk.XunitException($"thread result differs at {i}");
        });
    }
}
