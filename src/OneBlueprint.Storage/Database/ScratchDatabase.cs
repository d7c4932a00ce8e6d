using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace OneBlueprint.Storage.Database;

/// <summary>
/// A throwaway database for one test (or one test class): <c>ob_test_&lt;unix time&gt;_&lt;random&gt;</c> on the
/// server of OB_DATABASE (or the local scripts/pg.sh cluster), with PostGIS and every migration applied,
/// dropped again on dispose. Every database test in the solution uses it.
/// <para>
/// Quick because it is cloned: the first use builds a template database (PostGIS + migrations) named
/// after a hash of the migrations and working SRID, under an advisory lock so parallel test processes
/// build it once; later scratch databases are <c>CREATE DATABASE … TEMPLATE</c> copies. Robust because a
/// killed test run cannot leave junk forever: scratch databases older than 12 hours (the time is in the
/// name) are dropped by the next run, and dispose uses DROP … WITH (FORCE) so open connections don't block.
/// </para>
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    public const string NamePrefix = "ob_test_";
    private const string TemplatePrefix = "ob_tpl_";
    private const string TemplateBuildPrefix = "ob_tplbuild_";
    private const long TemplateLockKey = 0x4F4254504C; // "OBTPL"
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(12);
    private static int _staleSwept;

    private readonly string _adminConnectionString;
    private int _disposed;

    private ScratchDatabase(string name, string connectionString, string adminConnectionString, int workingSrid)
    {
        Name = name;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
        WorkingSrid = workingSrid;
        Database = new ObDatabase(connectionString);
    }

    public string Name { get; }

    /// <summary>Npgsql connection string of the scratch database (give it to servers under test as OB_DATABASE).</summary>
    public string ConnectionString { get; }

    public ObDatabase Database { get; }

    public NpgsqlDataSource DataSource => Database.DataSource;

    public int WorkingSrid { get; }

    /// <summary>
    /// Creates a migrated scratch database. <paramref name="serverConnectionString"/> defaults to
    /// <see cref="ObDatabase.ConnectionStringFromEnvironment"/>; only its server and credentials are used.
    /// Throws <see cref="DatabaseSetupException"/> ("run scripts/pg.sh start") when the server is not reachable.
    /// </summary>
    public static async Task<ScratchDatabase> CreateAsync(int workingSrid = Migrator.DefaultWorkingSrid,
        string? serverConnectionString = null, CancellationToken ct = default)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString ?? ObDatabase.ConnectionStringFromEnvironment());
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString;

        await using var conn = await OpenAdminAsync(admin, ct);
        if (Interlocked.Exchange(ref _staleSwept, 1) == 0) await DropStaleAsync(conn, ct);

        var template = TemplateName(workingSrid);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{NamePrefix}{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}");
        for (var attempt = 0; ; attempt++)
        {
            await EnsureTemplateAsync(conn, server, template, workingSrid, ct);
            try
            {
                await ExecAsync(conn, $"CREATE DATABASE {name} TEMPLATE {template}", ct);
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName && attempt == 0)
            {
                // template dropped between our check and the copy (another checkout rebuilt its own): build again
            }
        }

        var scratch = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
        var db = new ScratchDatabase(name, scratch, admin, workingSrid);
        try
        {
            // a no-op on a fresh copy, but it verifies the copy against this build's migrations
            await new Migrator(db.Database).MigrateAsync(workingSrid, ct);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await Database.DisposeAsync();
        using (var c = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(c);
        try
        {
            await using var conn = new NpgsqlConnection(_adminConnectionString);
            await conn.OpenAsync();
            await ExecAsync(conn, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // leave it: the next run drops scratch databases older than 12 hours
            Console.Error.WriteLine($"ScratchDatabase: could not drop {Name}: {e.Message}");
        }
    }

    private static string TemplateName(int workingSrid)
    {
        var text = string.Join("\n", Migrator.Known.Select(m => $"{m.Version}:{m.Checksum}"));
        return $"{TemplatePrefix}{workingSrid}_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]}";
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync(string admin, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(admin);
        try
        {
            await conn.OpenAsync(ct);
            return conn;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await conn.DisposeAsync();
            throw new DatabaseSetupException(
                $"PostgreSQL at {ObDatabase.DescribeConnectionString(admin)} is not reachable ({e.Message}): " +
                $"run scripts/pg.sh start (or set {ObDatabase.ConnectionStringVariable} to a PostGIS server).", e);
        }
    }

    private static async Task EnsureTemplateAsync(NpgsqlConnection conn, NpgsqlConnectionStringBuilder server,
        string template, int workingSrid, CancellationToken ct)
    {
        if (await TemplateReadyAsync(conn, template, ct)) return;
        await ExecAsync(conn, $"SELECT pg_advisory_lock({TemplateLockKey})", ct);
        try
        {
            if (await TemplateReadyAsync(conn, template, ct)) return;
            // holding the lock, any half-built template or other build is a leftover of a killed run
            foreach (var leftover in await ListDatabasesAsync(conn, TemplateBuildPrefix, ct))
                await ExecAsync(conn, $"DROP DATABASE IF EXISTS {leftover} WITH (FORCE)", ct);
            await DropOtherTemplatesAsync(conn, template, ct);

            var build = TemplateBuildPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
            await ExecAsync(conn, $"CREATE DATABASE {build}", ct);
            try
            {
                // no pooling: the template must have no open connection when it is renamed or copied
                var buildCs = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = build, Pooling = false };
                await using (var buildDb = new ObDatabase(buildCs.ConnectionString))
                    await new Migrator(buildDb).MigrateAsync(workingSrid, ct);
                await ExecAsync(conn, $"ALTER DATABASE {build} RENAME TO {template}", ct);
                await ExecAsync(conn, $"ALTER DATABASE {template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false", ct);
            }
            catch
            {
                await ExecAsync(conn, $"DROP DATABASE IF EXISTS {build} WITH (FORCE)", CancellationToken.None);
                throw;
            }
        }
        finally
        {
            await ExecAsync(conn, $"SELECT pg_advisory_unlock({TemplateLockKey})", CancellationToken.None);
        }
    }

    private static async Task<bool> TemplateReadyAsync(NpgsqlConnection conn, string template, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1 AND datistemplate", conn);
        cmd.Parameters.Add(new() { Value = template });
        return (long)(await cmd.ExecuteScalarAsync(ct))! > 0;
    }

    /// <summary>
    /// Templates of older migration sets (same working SRID, other hash) are dead weight once the migrations
    /// changed. Templates of other SRIDs are left alone: tests of another SRID may be copying them right now.
    /// </summary>
    private static async Task DropOtherTemplatesAsync(NpgsqlConnection conn, string keep, CancellationToken ct)
    {
        var sameSrid = keep[..(keep.LastIndexOf('_') + 1)];
        foreach (var old in await ListDatabasesAsync(conn, sameSrid, ct))
        {
            if (old == keep) continue;
            try
            {
                await ExecAsync(conn, $"ALTER DATABASE {old} WITH IS_TEMPLATE false", ct);
                await ExecAsync(conn, $"DROP DATABASE IF EXISTS {old} WITH (FORCE)", ct);
            }
            catch (PostgresException) { /* in use right now: leave it */ }
        }
    }

    private static async Task DropStaleAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var cutoff = DateTimeOffset.UtcNow - StaleAfter;
        foreach (var db in await ListDatabasesAsync(conn, NamePrefix, ct))
        {
            var parts = db[NamePrefix.Length..].Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], out var unix)) continue;
            if (DateTimeOffset.FromUnixTimeSeconds(unix) >= cutoff) continue;
            try { await ExecAsync(conn, $"DROP DATABASE IF EXISTS {db} WITH (FORCE)", ct); }
            catch (PostgresException) { /* someone else is dropping it */ }
        }
    }

    private static async Task<List<string>> ListDatabasesAsync(NpgsqlConnection conn, string prefix, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", conn);
        cmd.Parameters.Add(new() { Value = prefix });
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var n = reader.GetString(0);
            // names we build are [a-z0-9_] only; anything else is not ours and never spliced into SQL
            if (n.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')) names.Add(n);
        }
        return names;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
