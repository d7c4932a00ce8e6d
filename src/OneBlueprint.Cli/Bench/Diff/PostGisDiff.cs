using System.Diagnostics;
using Npgsql;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Cli.Bench.Diff;

/// <summary>
/// The same overlay done by PostGIS in SQL, the way a GIS team would write it: both plans in their own UNLOGGED tables
/// (regular tables, so the planner may use parallel workers) with a GiST index, ANALYZEd; then one join summing
/// <c>ST_Area(ST_Intersection(a, b))</c> per class pair over <c>a.geom &amp;&amp; b.geom AND ST_Intersects</c>, and each
/// plan's area per class. The one-sided areas follow by subtraction (a plan's class area minus its pairs), which is
/// exact for coverages. Sums are taken in numeric (each double to 15 digits, added exactly, rounded to 1 µm²) so the subtraction of two
/// sums near 10⁹ m² does not lose the small one-sided areas to rounding. Both statements are timed together.
/// </summary>
public sealed class PostGisDiff(ObDatabase db, string tableA, string tableB)
{
    public sealed record Result(
        IReadOnlyDictionary<(string A, string B), (long Pairs, decimal Area)> Pairs,
        IReadOnlyDictionary<string, decimal> AreaA,
        IReadOnlyDictionary<string, decimal> AreaB,
        double PairSeconds,
        double SideSeconds,
        bool ParallelPlan,
        string Plan);

    public string PairSql => $"""
        SELECT a.cls, b.cls, count(*), round(sum(ST_Area(ST_Intersection(a.geom, b.geom))::numeric), 6)
        FROM {tableA} a JOIN {tableB} b ON a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
        GROUP BY a.cls, b.cls
        """;

    public string SideSql => $"""
        SELECT 'a', cls, round(sum(ST_Area(geom)::numeric), 6) FROM {tableA} GROUP BY cls
        UNION ALL SELECT 'b', cls, round(sum(ST_Area(geom)::numeric), 6) FROM {tableB} GROUP BY cls
        """;

    /// <summary>Runs both statements (the plan is captured first, untimed). <paramref name="empty"/> names the null class.</summary>
    public async Task<Result> RunAsync(string empty, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var plan = new List<string>();
        await using (var explain = new NpgsqlCommand("EXPLAIN (COSTS OFF) " + PairSql, conn))
        await using (var reader = await explain.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) plan.Add(reader.GetString(0));

        var pairs = new Dictionary<(string, string), (long, decimal)>();
        var clock = Stopwatch.StartNew();
        await using (var cmd = new NpgsqlCommand(PairSql, conn) { CommandTimeout = 3600 })
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                pairs[(Name(reader, 0, empty), Name(reader, 1, empty))] = (reader.GetInt64(2), reader.IsDBNull(3) ? 0 : reader.GetDecimal(3));
        var pairSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var a = new Dictionary<string, decimal>();
        var b = new Dictionary<string, decimal>();
        await using (var cmd = new NpgsqlCommand(SideSql, conn) { CommandTimeout = 600 })
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                (reader.GetString(0) == "a" ? a : b)[Name(reader, 1, empty)] = reader.GetDecimal(2);
        return new Result(pairs, a, b, pairSeconds, clock.Elapsed.TotalSeconds, plan.Any(l => l.Contains("Gather", StringComparison.Ordinal)),
            string.Join("\n", plan));
    }

    /// <summary>
    /// The exact one-sided areas per class, as a reference (not part of the timed overlay): Σ ST_Area(ST_Difference(f,
    /// ST_Union(the other plan's features f meets))) over each plan's features that do not equal (ST_Equals) a feature of
    /// the other plan — those have nothing one-sided. Unlike "class area minus pairs" it does not count twice the
    /// cm²-sized overlaps real data has between neighbours.
    /// </summary>
    public async Task<(Dictionary<string, decimal> A, Dictionary<string, decimal> B, double Seconds)> OneSidedAsync(string empty, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync(ct);
        async Task<Dictionary<string, decimal>> Side(string table, string other)
        {
            var areas = new Dictionary<string, decimal>();
            await using var cmd = new NpgsqlCommand(OneSidedSql(table, other), conn) { CommandTimeout = 3600 };
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) areas[Name(reader, 0, empty)] = reader.GetDecimal(1);
            return areas;
        }
        var a = await Side(tableA, tableB);
        var b = await Side(tableB, tableA);
        return (a, b, clock.Elapsed.TotalSeconds);
    }

    public static string OneSidedSql(string table, string other) => $"""
        SELECT f.cls, round(sum(ST_Area(ST_Difference(f.geom, coalesce(
            (SELECT ST_Union(o.geom) FROM {other} o WHERE o.geom && f.geom AND ST_Intersects(o.geom, f.geom)),
            ST_GeomFromText('POLYGON EMPTY', ST_SRID(f.geom)))))::numeric), 6)
        FROM {table} f
        WHERE NOT EXISTS (SELECT 1 FROM {other} o WHERE o.geom ~= f.geom AND ST_Equals(o.geom, f.geom))
        GROUP BY 1
        """;

    /// <summary>Server settings that shape the timing.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SettingsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var settings = new Dictionary<string, string>();
        foreach (var name in new[] { "max_parallel_workers_per_gather", "max_parallel_workers", "jit", "shared_buffers", "work_mem" })
        {
            await using var cmd = new NpgsqlCommand($"SHOW {name}", conn);
            settings[name] = (string)(await cmd.ExecuteScalarAsync(ct))!;
        }
        await using (var cmd = new NpgsqlCommand("SELECT postgis_full_version()", conn))
            settings["postgis"] = (string)(await cmd.ExecuteScalarAsync(ct))!;
        await using (var cmd = new NpgsqlCommand("SELECT version()", conn))
            settings["version"] = (string)(await cmd.ExecuteScalarAsync(ct))!;
        return settings;
    }

    private static string Name(NpgsqlDataReader r, int column, string empty) =>
        r.IsDBNull(column) ? empty : r.GetString(column).Trim() is { Length: > 0 } s ? s : empty;

}
