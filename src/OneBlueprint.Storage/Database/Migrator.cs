using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace OneBlueprint.Storage.Database;

/// <summary>
/// Brings a database to the schema this build expects by applying the embedded migrations
/// (Database/Migrations/NNNN_name.sql) in version order, each in its own transaction, and recording them
/// in ob.schema_migrations (version, name, checksum, applied_at).
/// <para>
/// Safe to run from several processes at once: a session advisory lock serialises migrators. It refuses,
/// with a <see cref="DatabaseSetupException"/>, to touch a database where an applied migration's text
/// changed (checksum differs) or that has migrations this build does not know (it is newer).
/// </para>
/// <para>
/// The working SRID is fixed by the first migration (ob.settings working_srid): the explicit argument,
/// else OB_WORKING_SRID, else 4547. Migrations say <c>{{working_srid}}</c> where they need it (SRID CHECK
/// constraints), and the migrator substitutes the stored value. Asking for a different SRID later is a
/// start-up error: stored geometries cannot silently change their CRS.
/// </para>
/// </summary>
public sealed partial class Migrator
{
    public const string WorkingSridVariable = "OB_WORKING_SRID";
    public const int DefaultWorkingSrid = 4547;
    private const string SridPlaceholder = "{{working_srid}}";

    // arbitrary constant shared by every OneBlueprint migrator ("OBMIGR")
    private const long AdvisoryLockKey = 0x4F424D494752;

    private readonly ObDatabase _db;

    public Migrator(ObDatabase db) => _db = db;

    /// <summary>The migrations embedded in this build, in version order.</summary>
    public static IReadOnlyList<Migration> Known { get; } = LoadEmbedded();

    /// <summary>OB_WORKING_SRID parsed, or null when unset. A malformed value is a start-up error.</summary>
    public static int? ConfiguredWorkingSrid()
    {
        var text = Environment.GetEnvironmentVariable(WorkingSridVariable);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), out var srid) && srid > 0) return srid;
        throw new DatabaseSetupException($"{WorkingSridVariable}='{text}' is not an EPSG code; set it to e.g. 4547 or unset it.");
    }

    public async Task<MigrationReport> MigrateAsync(int? workingSrid = null, CancellationToken ct = default)
    {
        var configured = workingSrid ?? ConfiguredWorkingSrid();
        await using var conn = await OpenAsync(_db.DataSource, ct);
        await ExecAsync(conn, "SELECT pg_advisory_lock($1)", ct, AdvisoryLockKey);
        try
        {
            await BootstrapAsync(conn, ct);
            var applied = await ReadAppliedAsync(conn, ct);
            CheckApplied(applied, DescribeDatabase(conn));

            var stored = await ReadWorkingSridAsync(conn, ct);
            if (stored is int s && configured is int c && s != c)
                throw new DatabaseSetupException(
                    $"database {DescribeDatabase(conn)} stores geometries in EPSG:{s}, but EPSG:{c} is configured " +
                    $"({WorkingSridVariable} or settings). The working SRID is fixed when the database is created: " +
                    $"set {WorkingSridVariable}={s}, or use a new database for EPSG:{c}.");
            var srid = stored ?? configured ?? DefaultWorkingSrid;
            if (stored is null) await CheckSridKnownAsync(conn, srid, ct);

            var appliedNow = new List<Migration>();
            foreach (var m in Known.Where(m => !applied.ContainsKey(m.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                try
                {
                    await using (var cmd = new NpgsqlCommand(m.Sql.Replace(SridPlaceholder, srid.ToString()), conn, tx))
                        await cmd.ExecuteNonQueryAsync(ct);
                }
                catch (PostgresException e)
                {
                    throw new DatabaseSetupException($"migration {m} failed on {DescribeDatabase(conn)}: {e.MessageText}", e);
                }
                await using (var rec = new NpgsqlCommand(
                    "INSERT INTO ob.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", conn, tx))
                {
                    rec.Parameters.Add(new() { Value = m.Version });
                    rec.Parameters.Add(new() { Value = m.Name });
                    rec.Parameters.Add(new() { Value = m.Checksum });
                    await rec.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                appliedNow.Add(m);
            }
            _db.RememberWorkingSrid(srid);
            return new MigrationReport(appliedNow, applied.Count + appliedNow.Count, srid);
        }
        finally
        {
            if (conn.State == System.Data.ConnectionState.Open)
                await ExecAsync(conn, "SELECT pg_advisory_unlock($1)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    /// <summary>
    /// Migrations not yet applied (without taking the lock or changing anything). Throws
    /// <see cref="DatabaseSetupException"/> when applied migrations do not match this build.
    /// </summary>
    public async Task<IReadOnlyList<Migration>> PendingAsync(CancellationToken ct = default)
    {
        await using var conn = await OpenAsync(_db.DataSource, ct);
        var applied = await ReadAppliedAsync(conn, ct);
        CheckApplied(applied, DescribeDatabase(conn));
        return Known.Where(m => !applied.ContainsKey(m.Version)).ToList();
    }

    /// <summary>ob.settings working_srid, or null when the schema does not exist yet.</summary>
    public static async Task<int?> ReadWorkingSridAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('ob.settings') IS NOT NULL", conn))
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return null;
        await using var cmd = new NpgsqlCommand("SELECT value FROM ob.settings WHERE key = 'working_srid'", conn);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is string text && int.TryParse(text, out var srid) ? srid : null;
    }

    internal static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var where = ObDatabase.DescribeConnectionString(dataSource.ConnectionString);
            throw new DatabaseSetupException(
                $"cannot reach PostgreSQL at {where} ({e.Message}). Run scripts/pg.sh start, or set " +
                $"{ObDatabase.ConnectionStringVariable} to the server's Npgsql connection string.", e);
        }
    }

    private static string DescribeDatabase(NpgsqlConnection conn) => $"{conn.Host}:{conn.Port}/{conn.Database}";

    private static async Task BootstrapAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        try
        {
            await ExecAsync(conn, "CREATE EXTENSION IF NOT EXISTS postgis", ct);
        }
        catch (PostgresException e)
        {
            throw new DatabaseSetupException(
                $"PostGIS is not available in {DescribeDatabase(conn)} ({e.MessageText}). Install the " +
                "postgresql-15-postgis-3 package (scripts/deps.sh) and run CREATE EXTENSION postgis there as a superuser.", e);
        }
        await ExecAsync(conn, """
            CREATE SCHEMA IF NOT EXISTS ob;
            CREATE TABLE IF NOT EXISTS ob.schema_migrations (
                version    int PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, ct);
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadAppliedAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var applied = new Dictionary<int, (string, string)>();
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('ob.schema_migrations') IS NOT NULL", conn))
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return applied;
        await using var cmd = new NpgsqlCommand("SELECT version, name, checksum FROM ob.schema_migrations", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        return applied;
    }

    private static void CheckApplied(Dictionary<int, (string Name, string Checksum)> applied, string where)
    {
        var known = Known.ToDictionary(m => m.Version);
        foreach (var (version, (name, checksum)) in applied.OrderBy(a => a.Key))
        {
            if (!known.TryGetValue(version, out var m))
                throw new DatabaseSetupException(
                    $"database {where} has migration {version:D4}_{name}, which this build does not know: the database " +
                    "was migrated by a newer OneBlueprint. Run that version (or newer) against it.");
            if (!string.Equals(m.Checksum, checksum, StringComparison.OrdinalIgnoreCase))
                throw new DatabaseSetupException(
                    $"migration {m} was changed after it was applied to {where} (checksum {checksum[..12]}… in the database, " +
                    $"{m.Checksum[..12]}… in this build). Applied migrations must never be edited: restore its original " +
                    "text and put the change in a new migration.");
        }
    }

    private static async Task CheckSridKnownAsync(NpgsqlConnection conn, int srid, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM spatial_ref_sys WHERE srid = $1", conn);
        cmd.Parameters.Add(new() { Value = srid });
        if ((long)(await cmd.ExecuteScalarAsync(ct))! == 0)
            throw new DatabaseSetupException(
                $"working SRID {srid} is not in PostGIS's spatial_ref_sys; use a projected CGCS2000 code such as 4547.");
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex MigrationFileName();

    private const string ResourcePrefix = "OneBlueprint.Storage.Migrations.";

    private static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(Migrator).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = resource[ResourcePrefix.Length..];
            var match = MigrationFileName().Match(file);
            if (!match.Success)
                throw new InvalidOperationException($"migration file {file} is not named NNNN_lower_case_name.sql");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var sql = reader.ReadToEnd().Replace("\r\n", "\n");
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            list.Add(new Migration(int.Parse(match.Groups[1].Value), match.Groups[2].Value, sql, checksum));
        }
        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < list.Count; i++)
            if (list[i].Version == list[i - 1].Version)
                throw new InvalidOperationException($"two migrations share version {list[i].Version:D4}");
        return list;
    }
}
