using Npgsql;

namespace OneBlueprint.Storage.Database;

/// <summary>
/// Whether the database can serve: the server answers, PostGIS is installed, and every migration of this
/// build is applied (and none edited). <see cref="Problem"/> says what is wrong and how to fix it; health
/// endpoints and `oneblueprint db status` show it as is.
/// </summary>
public sealed record Readiness(
    bool Reachable,
    string? PostGisVersion,
    int? WorkingSrid,
    IReadOnlyList<string> PendingMigrations,
    string? Problem)
{
    public bool IsReady => Reachable && PostGisVersion is not null && PendingMigrations.Count == 0 && Problem is null;

    public static async Task<Readiness> CheckAsync(ObDatabase database, CancellationToken ct = default)
    {
        NpgsqlConnection conn;
        try
        {
            conn = await Migrator.OpenAsync(database.DataSource, ct);
        }
        catch (DatabaseSetupException e)
        {
            return new Readiness(false, null, null, [], e.Message);
        }
        await using (conn)
        {
            string? postgis;
            await using (var cmd = new NpgsqlCommand("SELECT extversion FROM pg_extension WHERE extname = 'postgis'", conn))
                postgis = await cmd.ExecuteScalarAsync(ct) as string;
            if (postgis is null)
                return new Readiness(true, null, null, [],
                    $"PostGIS is not installed in {database.Describe()}: run CREATE EXTENSION postgis (scripts/pg.sh start does).");
            var srid = await Migrator.ReadWorkingSridAsync(conn, ct);
            try
            {
                var pending = await new Migrator(database).PendingAsync(ct);
                var names = pending.Select(m => m.ToString()).ToList();
                return new Readiness(true, postgis, srid, names,
                    names.Count == 0 ? null : $"{names.Count} migration(s) not applied ({string.Join(", ", names)}): start the server or run `oneblueprint db migrate`.");
            }
            catch (DatabaseSetupException e)
            {
                return new Readiness(true, postgis, srid, [], e.Message);
            }
        }
    }
}
