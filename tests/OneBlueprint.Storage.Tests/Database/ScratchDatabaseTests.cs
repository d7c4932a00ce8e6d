using Npgsql;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Tests.Support;

namespace OneBlueprint.Storage.Tests.Database;

public sealed class ScratchDatabaseTests
{
    [Fact]
    public async Task Create_GivesMigratedPostGisDatabase_DroppedOnDispose()
    {
        var scratch = await ScratchDatabase.CreateAsync();
        var name = scratch.Name;
        Assert.StartsWith(ScratchDatabase.NamePrefix, name);
        Assert.Contains("POSTGIS=", await Sql.ScalarAsync<string>(scratch.DataSource, "SELECT postgis_full_version()"));
        Assert.Equal(Migrator.Known.Count, (int)await Sql.ScalarAsync<long>(scratch.DataSource, "SELECT count(*) FROM ob.schema_migrations"));
        // a connection someone else left open must not stop the drop
        var straggler = new NpgsqlConnection(scratch.ConnectionString);
        await straggler.OpenAsync();

        await scratch.DisposeAsync();

        var admin = new NpgsqlConnectionStringBuilder(scratch.ConnectionString) { Database = "postgres" }.ConnectionString;
        await using var ds = NpgsqlDataSource.Create(admin);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(ds, "SELECT count(*) FROM pg_database WHERE datname = $1", name));
        await straggler.DisposeAsync();
    }

    [Fact]
    public async Task Create_TwoAtOnce_AreSeparateDatabases()
    {
        var both = await Task.WhenAll(ScratchDatabase.CreateAsync(), ScratchDatabase.CreateAsync());
        await using var a = both[0];
        await using var b = both[1];

        await Sql.ExecAsync(a.DataSource, "INSERT INTO ob.project (code, name, created_by) VALUES ('P1', 'only in a', 't')");

        Assert.NotEqual(a.Name, b.Name);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(b.DataSource, "SELECT count(*) FROM ob.project"));
    }

    [Fact]
    public async Task Create_ServerNotReachable_FailsWithHowToStartIt()
    {
        var e = await Assert.ThrowsAsync<DatabaseSetupException>(() =>
            ScratchDatabase.CreateAsync(serverConnectionString: "Host=127.0.0.1;Port=1;Username=postgres;Database=x;Timeout=3"));

        Assert.Contains("run scripts/pg.sh start", e.Message);
    }
}
