using Npgsql;

namespace OneBlueprint.Storage.Database;

/// <summary>
/// The PostGIS database OneBlueprint keeps its records in: one pooled <see cref="NpgsqlDataSource"/>
/// per connection string, shared by every store. The connection string comes from the environment
/// variable <c>OB_DATABASE</c> (Npgsql form), else the project-local cluster of <c>scripts/pg.sh</c>.
/// The working SRID (the projected CRS all geometries are stored in) is read once from ob.settings.
/// </summary>
public sealed class ObDatabase : IAsyncDisposable
{
    /// <summary>
    /// The cluster <c>scripts/pg.sh start</c> runs: 127.0.0.1, port OB_PG_PORT (default 55432), trust auth.
    /// </summary>
    public static string LocalConnectionString =>
        $"Host=127.0.0.1;Port={(int.TryParse(Environment.GetEnvironmentVariable("OB_PG_PORT"), out var port) ? port : 55432)};Username=postgres;Database=oneblueprint";

    public const string ConnectionStringVariable = "OB_DATABASE";

    private volatile int _workingSrid; // 0 until known

    public ObDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>OB_DATABASE when set, else <see cref="LocalConnectionString"/>.</summary>
    public static string ConnectionStringFromEnvironment()
    {
        var fromEnv = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        return string.IsNullOrWhiteSpace(fromEnv) ? LocalConnectionString : fromEnv.Trim();
    }

    public static ObDatabase FromEnvironment() => new(ConnectionStringFromEnvironment());

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>"host:port/database" without credentials, for messages and logs.</summary>
    public string Describe() => DescribeConnectionString(ConnectionString);

    public static string DescribeConnectionString(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken ct = default) =>
        DataSource.OpenConnectionAsync(ct);

    /// <summary>
    /// The SRID every stored geometry is in (ob.settings working_srid), read once per instance.
    /// Throws <see cref="DatabaseSetupException"/> when the schema has not been migrated yet.
    /// </summary>
    public async ValueTask<int> GetWorkingSridAsync(CancellationToken ct = default)
    {
        if (_workingSrid is > 0 and var known) return known;
        await using var conn = await OpenConnectionAsync(ct);
        var srid = await Migrator.ReadWorkingSridAsync(conn, ct)
            ?? throw new DatabaseSetupException(
                $"database {Describe()} has no ob.settings working_srid: the schema is not migrated. " +
                "Run the migrations (server start or `oneblueprint db migrate`) first.");
        _workingSrid = srid;
        return srid;
    }

    /// <summary>
    /// <see cref="GetWorkingSridAsync"/> for synchronous callers (request handlers converting a bbox): the
    /// first call may block on one query; after that, and after <see cref="Migrator.MigrateAsync"/>, it is a field read.
    /// </summary>
    public int WorkingSrid => _workingSrid is > 0 and var known ? known : GetWorkingSridAsync().AsTask().GetAwaiter().GetResult();

    internal void RememberWorkingSrid(int srid) => _workingSrid = srid;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
