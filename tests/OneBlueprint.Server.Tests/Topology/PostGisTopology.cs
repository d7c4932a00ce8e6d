using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Tests.Topology;

/// <summary>
/// The independent reference for topology checks: PostGIS (GEOS) over the same geometries, in a temporary table of
/// one session, nothing stored. Overlaps are ST_Area(ST_Intersection(a, b)) for every pair whose interiors meet;
/// gaps are the interior rings of ST_Union, kept when ST_MaximumInscribedCircle says they are narrow enough.
/// </summary>
public sealed class PostGisTopology : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;

    private PostGisTopology(NpgsqlConnection connection) => _connection = connection;

    /// <summary>One layer, for the within-layer queries.</summary>
    public static Task<PostGisTopology> LoadAsync(IReadOnlyList<Geometry> geometries, int srid) =>
        LoadAsync(new Dictionary<string, IReadOnlyList<Geometry>> { [""] = geometries }, srid);

    /// <summary>Several layers by code, for <see cref="CrossOverlapsAsync"/>; ids are positions within each layer.</summary>
    public static async Task<PostGisTopology> LoadAsync(IReadOnlyDictionary<string, IReadOnlyList<Geometry>> layers, int srid)
    {
        var connection = new NpgsqlConnection(ObDatabase.ConnectionStringFromEnvironment());
        await connection.OpenAsync();
        // WKB goes in as bytea (Npgsql has no geometry mapping without the NTS plugin) and becomes geometry in PostGIS.
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE topo (layer text NOT NULL, id int NOT NULL, g bytea NOT NULL, PRIMARY KEY (layer, id))", connection))
            await create.ExecuteNonQueryAsync();
        var wkb = new WKBWriter();
        await using (var import = await connection.BeginBinaryImportAsync("COPY topo (layer, id, g) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (layer, geometries) in layers)
                for (var i = 0; i < geometries.Count; i++)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(layer);
                    await import.WriteAsync(i);
                    await import.WriteAsync(wkb.Write(geometries[i]), NpgsqlTypes.NpgsqlDbType.Bytea);
                }
            await import.CompleteAsync();
        }
        await using (var convert = new NpgsqlCommand(
            $"ALTER TABLE topo ALTER COLUMN g TYPE geometry USING ST_SetSRID(ST_GeomFromWKB(g), {srid.ToString(CultureInfo.InvariantCulture)}); CREATE INDEX ON topo USING gist (g); ANALYZE topo",
            connection))
            await convert.ExecuteNonQueryAsync();
        return new PostGisTopology(connection);
    }

    /// <summary>(i, j, planar area, ellipsoidal area on the CGCS2000 lon/lat geography) of every pair i &lt; j sharing area.</summary>
    public async Task<List<(int A, int B, double Area, double Ellipsoidal)>> OverlapsAsync()
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT a, b, ST_Area(s), ST_Area(ST_Transform(s, 4490)::geography)
            FROM (SELECT a.id a, b.id b, ST_CollectionExtract(ST_Intersection(a.g, b.g), 3) s
                  FROM topo a JOIN topo b ON a.layer = '' AND b.layer = '' AND a.id < b.id AND ST_Intersects(a.g, b.g)) x
            WHERE ST_Area(s) > 0 ORDER BY a, b
            """, _connection) { CommandTimeout = 600 };
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<(int, int, double, double)>();
        while (await r.ReadAsync()) list.Add((r.GetInt32(0), r.GetInt32(1), r.GetDouble(2), r.GetDouble(3)));
        return list;
    }

    /// <summary>Every interior ring of the union as (area, MIC diameter).</summary>
    public async Task<List<(double Area, double Width)>> HolesAsync()
    {
        await using var cmd = new NpgsqlCommand("""
            WITH u AS (SELECT (ST_Dump(ST_Union(g))).geom p FROM topo WHERE layer = ''),
                 h AS (SELECT ST_MakePolygon(ST_InteriorRingN(p, n)) hole FROM u, generate_series(1, ST_NumInteriorRings(p)) n)
            SELECT ST_Area(hole), 2 * (ST_MaximumInscribedCircle(hole)).radius FROM h
            """, _connection) { CommandTimeout = 600 };
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<(double, double)>();
        while (await r.ReadAsync()) list.Add((r.GetDouble(0), r.GetDouble(1)));
        return list;
    }

    /// <summary>Σ area of the union's holes computed without looking at holes at all: area of the union filled in minus the union.</summary>
    public async Task<double> FilledMinusUnionAsync()
    {
        await using var cmd = new NpgsqlCommand("""
            WITH u AS (SELECT ST_Union(g) g FROM topo WHERE layer = '')
            SELECT ST_Area((SELECT ST_Union(ST_MakePolygon(ST_ExteriorRing(d.geom))) FROM ST_Dump(u.g) d)) - ST_Area(u.g) FROM u
            """, _connection) { CommandTimeout = 600 };
        return (double)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>(a, b, planar area) of every feature a of <paramref name="layerA"/> sharing area with a feature b of <paramref name="layerB"/>.</summary>
    public async Task<List<(int A, int B, double Area)>> CrossOverlapsAsync(string layerA, string layerB)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT a, b, ST_Area(s)
            FROM (SELECT a.id a, b.id b, ST_CollectionExtract(ST_Intersection(a.g, b.g), 3) s
                  FROM topo a JOIN topo b ON a.layer = $1 AND b.layer = $2 AND ST_Intersects(a.g, b.g)) x
            WHERE ST_Area(s) > 0 ORDER BY a, b
            """, _connection) { CommandTimeout = 600 };
        cmd.Parameters.Add(new NpgsqlParameter { Value = layerA });
        cmd.Parameters.Add(new NpgsqlParameter { Value = layerB });
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<(int, int, double)>();
        while (await r.ReadAsync()) list.Add((r.GetInt32(0), r.GetInt32(1), r.GetDouble(2)));
        return list;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
