using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// The same checks done by PostGIS, the way an application would on PostGIS's strongest form: on its own connection,
/// each control layer version copied to a temporary table with a GiST index — the large polygons ST_Subdivide'd (to
/// 256 vertices by default, the engine's piece size), the small ones as they are — and ANALYZEd; then ONE prepared statement per
/// red line (EWKB parameter) returning each layer's overlap area:
/// <c>SUM(CASE WHEN ST_Contains(r, f) THEN ST_Area(f) ELSE ST_Area(ST_Intersection(f, r)) END)</c> over
/// <c>f.geom &amp;&amp; r AND ST_Intersects(f.geom, r)</c>, one branch of a UNION ALL per layer. PostGIS caches the
/// prepared (GEOS) form of the repeated red line across the rows of a statement. Each round trip is timed.
/// </summary>
public sealed class PostGisBench(ObDatabase db, int subdivideVertices = PostGisBench.DefaultSubdivideVertices) : IAsyncDisposable
{
    public const int DefaultSubdivideVertices = 256;

    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _query;
    private IReadOnlyList<string> _codes = [];

    public IReadOnlyList<PostGisTable> Tables { get; private set; } = [];

    /// <summary>The statement run per red line (parameter $1: EWKB of the red line).</summary>
    public string Sql { get; private set; } = "";

    /// <summary>Server settings that shape the timings, as they were in the bench's session.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    public async Task SetUpAsync(IReadOnlyList<LayerLoadStats> layers, IProgress<double>? progress, CancellationToken ct)
    {
        _connection = await db.OpenConnectionAsync(ct);
        var tables = new List<PostGisTable>();
        var done = 0;
        foreach (var layer in layers)
        {
            var started = Stopwatch.StartNew();
            var table = "bench_" + layer.Code.ToLowerInvariant();
            var subdivide = layer.MaxVertices > subdivideVertices;
            // ST_Subdivide needs valid input: invalid features (if any) are copied whole.
            var select = subdivide
                ? $"""
                   SELECT id, ST_Subdivide(geom, {subdivideVertices}) AS geom FROM ob.layer_feature WHERE version_id = $1 AND ST_IsValid(geom)
                   UNION ALL SELECT id, geom FROM ob.layer_feature WHERE version_id = $1 AND NOT ST_IsValid(geom)
                   """
                : "SELECT id, geom FROM ob.layer_feature WHERE version_id = $1";
            await ExecuteAsync($"DROP TABLE IF EXISTS pg_temp.{table}", ct);
            await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE {table} AS {select}", _connection))
            {
                create.CommandTimeout = 600;
                create.Parameters.Add(new NpgsqlParameter { Value = layer.LayerVersionId });
                await create.ExecuteNonQueryAsync(ct);
            }
            await ExecuteAsync($"CREATE INDEX ON pg_temp.{table} USING gist (geom)", ct);
            await ExecuteAsync($"ANALYZE pg_temp.{table}", ct);
            var rows = (long)(await ScalarAsync($"SELECT count(*) FROM pg_temp.{table}", ct))!;
            tables.Add(new PostGisTable(layer.Code, table, layer.LayerVersionId, subdivide, subdivide ? subdivideVertices : null, rows, started.Elapsed.TotalSeconds));
            progress?.Report(100.0 * ++done / layers.Count);
        }
        Tables = tables;
        _codes = tables.Select(t => t.Code).ToArray();

        var sql = new StringBuilder("WITH r AS MATERIALIZED (SELECT ST_GeomFromEWKB($1) AS g)\n");
        for (var k = 0; k < tables.Count; k++)
        {
            if (k > 0) sql.Append("UNION ALL\n");
            sql.Append(CultureInfo.InvariantCulture,
                $"SELECT {k} AS layer, COALESCE(SUM(CASE WHEN ST_Contains(r.g, f.geom) THEN ST_Area(f.geom) ELSE ST_Area(ST_Intersection(f.geom, r.g)) END), 0) AS area " +
                $"FROM r JOIN pg_temp.{tables[k].Table} f ON f.geom && r.g AND ST_Intersects(f.geom, r.g)\n");
        }
        Sql = sql.ToString();
        _query = new NpgsqlCommand(Sql, _connection);
        _query.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
        await _query.PrepareAsync(ct);

        var settings = new Dictionary<string, string>();
        foreach (var name in new[] { "jit", "max_parallel_workers_per_gather", "shared_buffers", "work_mem", "plan_cache_mode" })
            settings[name] = (string)(await ScalarAsync($"SHOW {name}", ct))!;
        settings["version"] = (string)(await ScalarAsync("SELECT version()", ct))!;
        settings["postgis"] = (string)(await ScalarAsync("SELECT postgis_full_version()", ct))!;
        Settings = settings;
    }

    /// <summary>Warm-up (untimed: plan caching, the generic plan, buffers), then one timed round trip per red line.</summary>
    public async Task<TimedRun> RunAsync(IReadOnlyList<BenchRedLine> redLines, int warmUp, IProgress<double>? progress, CancellationToken ct)
    {
        if (_query is null) throw new InvalidOperationException("SetUpAsync first");
        var areas = new LayerAreas(_codes, redLines.Count);
        var ticks = new long[redLines.Count];
        var failures = new List<string>();
        var ewkb = redLines.Select(r => GeometryCodec.ToEwkb(r.Geometry)).ToArray();

        for (var i = 0; i < Math.Min(warmUp, redLines.Count); i++)
        {
            try { await QueryAsync(ewkb[i], null, ct); }
            catch (PostgresException) { /* reported by the timed pass */ }
            if (i % 20 == 0) progress?.Report(10.0 * i / Math.Max(1, warmUp));
        }

        for (var i = 0; i < redLines.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var start = Stopwatch.GetTimestamp();
                await QueryAsync(ewkb[i], areas.Values[i], ct);
                ticks[i] = Stopwatch.GetTimestamp() - start;
            }
            catch (PostgresException e)
            {
                ticks[i] = -1;
                failures.Add($"red line {i}: {e.SqlState} {e.MessageText}");
            }
            if (i % 25 == 0) progress?.Report(10 + 90.0 * i / redLines.Count);
        }
        progress?.Report(100);
        return new TimedRun("postgis", ticks, areas, failures);
    }

    private async Task QueryAsync(byte[] ewkb, double[]? into, CancellationToken ct)
    {
        _query!.Parameters[0].Value = ewkb;
        await using var reader = await _query.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var layer = reader.GetInt32(0);
            var area = reader.GetDouble(1);
            if (into is not null) into[layer] = area;
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, _connection) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, _connection);
        return await cmd.ExecuteScalarAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_query is not null) await _query.DisposeAsync();
        // Temporary tables go with the session; the pool resets it (DISCARD ALL) when the connection returns.
        if (_connection is not null)
        {
            try { await ExecuteDropsAsync(); } catch (NpgsqlException) { /* the session ends anyway */ }
            await _connection.DisposeAsync();
        }
    }

    private async Task ExecuteDropsAsync()
    {
        foreach (var t in Tables) await ExecuteAsync($"DROP TABLE IF EXISTS pg_temp.{t.Table}", CancellationToken.None);
    }
}
