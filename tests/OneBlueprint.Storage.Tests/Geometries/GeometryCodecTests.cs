using NetTopologySuite.Geometries;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;
using OneBlueprint.Storage.Tests.Support;

namespace OneBlueprint.Storage.Tests.Geometries;

/// <summary>The codec against PostGIS itself, both directions: what PostGIS makes of our bytes, and what we make of PostGIS's.</summary>
public sealed class GeometryCodecTests(GeometryCodecTests.Fixture fixture) : IClassFixture<GeometryCodecTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public ScratchDatabase Db { get; private set; } = null!;
        public async Task InitializeAsync() => Db = await ScratchDatabase.CreateAsync();
        public async Task DisposeAsync() => await Db.DisposeAsync();
    }

    public static TheoryData<string> Shapes => new()
    {
        "POINT (438123.456 3850001.789)",
        "LINESTRING (438000 3850000, 438100.5 3850050.25, 438200 3849990)",
        "POLYGON ((438000 3850000, 438100 3850000, 438100 3850100, 438000 3850100, 438000 3850000))",
        "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0), (10 10, 10 20, 20 20, 20 10, 10 10), (50 50, 50 70, 70 70, 70 50, 50 50))",
        "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((20 20, 40 20, 40 40, 20 40, 20 20), (25 25, 25 30, 30 30, 30 25, 25 25)))",
        "MULTIPOINT ((1 2), (3 4))",
        "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 2))",
        "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 5 5), POLYGON ((0 0, 1 0, 1 1, 0 0)))",
        "POINT Z (438000 3850000 112.5)",
        "LINESTRING Z (0 0 1, 10 0 2, 10 10 3)",
        "POLYGON Z ((0 0 5, 10 0 5, 10 10 6, 0 10 6, 0 0 5), (2 2 5, 2 4 5, 4 4 5, 4 2 5, 2 2 5))",
        "POINT EMPTY",
        "LINESTRING EMPTY",
        "POLYGON EMPTY",
        "MULTIPOLYGON EMPTY",
        "GEOMETRYCOLLECTION EMPTY",
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ToEwkb_PostGisReadsTheSameGeometry(string wkt)
    {
        var geometry = Wkt.Read(wkt, 4547);
        await using var cmd = fixture.Db.DataSource.CreateCommand("""
            SELECT ST_AsEWKT(g), ST_AsEWKT(r), ST_SRID(g), ST_IsEmpty(g) OR ST_Equals(g, r), ST_Area(g),
                   CASE WHEN GeometryType(g) = 'POLYGON' THEN ST_NumInteriorRings(g) ELSE -1 END, ST_CoordDim(g)
            FROM (SELECT ST_GeomFromEWKB($1) AS g, ST_GeomFromText($2, 4547) AS r) s
            """);
        cmd.Parameters.Add(GeometryCodec.Parameter(geometry));
        cmd.Parameters.Add(new() { Value = wkt });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());

        Assert.Equal(r.GetString(1), r.GetString(0));
        Assert.Equal(4547, r.GetInt32(2));
        Assert.True(r.GetBoolean(3));
        Assert.Equal(geometry.Area, r.GetDouble(4), 9);
        if (geometry is Polygon p) Assert.Equal(p.NumInteriorRings, r.GetInt32(5));
        Assert.Equal(wkt.Contains(" Z ") ? 3 : 2, r.GetInt16(6));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task FromWkb_ReadsWhatPostGisWrites(string wkt)
    {
        await using var cmd = fixture.Db.DataSource.CreateCommand(
            "SELECT ST_AsEWKB(g), ST_AsBinary(g), ST_Area(g), ST_NPoints(g) FROM (SELECT ST_GeomFromText($1, 4547) AS g) s");
        cmd.Parameters.Add(new() { Value = wkt });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());

        var fromEwkb = GeometryCodec.FromWkb(r.GetFieldValue<byte[]>(0));
        var fromWkb = GeometryCodec.FromWkb(r.GetFieldValue<byte[]>(1), sridIfMissing: 4547);

        var expected = Wkt.Read(wkt, 4547);
        foreach (var g in new[] { fromEwkb, fromWkb })
        {
            Assert.Equal(4547, g.SRID);
            Assert.Equal(expected.GeometryType, g.GeometryType);
            Assert.Equal(expected.IsEmpty, g.IsEmpty);
            Assert.True(expected.EqualsExact(g), $"{wkt} came back as {g.AsText()}");
            Assert.Equal(r.GetDouble(2), g.Area, 9);
            Assert.Equal(r.GetInt32(3), g.NumPoints);
            Assert.Equal(GeometryCodec.HasZ(expected), GeometryCodec.HasZ(g));
            if (GeometryCodec.HasZ(expected)) Assert.Equal(expected.Coordinates.Select(c => c.Z), g.Coordinates.Select(c => c.Z));
        }
    }

    [Fact]
    public async Task ToEwkb_ExplicitSrid_LabelsWithoutChangingTheGeometry()
    {
        var geometry = Wkt.Read("POINT (114.1 34.2)", 0);

        var srid = await Sql.ScalarAsync<int>(fixture.Db.DataSource, "SELECT ST_SRID(ST_GeomFromEWKB($1))",
            new Npgsql.NpgsqlParameter { Value = GeometryCodec.ToEwkb(geometry, 4490) });

        Assert.Equal(4490, srid);
        Assert.Equal(0, geometry.SRID);
    }
}
