using Npgsql;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Tests.Support;

namespace OneBlueprint.Storage.Tests.Database;

public sealed class MigratorTests
{
    [Fact]
    public async Task Migrate_FreshSchemaTwice_AppliesEachMigrationOnce()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        await Sql.ExecAsync(scratch.DataSource, "DROP SCHEMA ob CASCADE");

        var first = await new Migrator(scratch.Database).MigrateAsync();
        var second = await new Migrator(scratch.Database).MigrateAsync();

        Assert.Equal(Migrator.Known.Select(m => m.Version), first.AppliedNow.Select(m => m.Version));
        Assert.Empty(second.AppliedNow);
        Assert.Equal(Migrator.Known.Count, second.AppliedTotal);
        Assert.Equal(Migrator.Known.Count, (int)await Sql.ScalarAsync<long>(scratch.DataSource, "SELECT count(*) FROM ob.schema_migrations"));
        var stored = await Sql.ScalarAsync<string>(scratch.DataSource, "SELECT checksum FROM ob.schema_migrations WHERE version = 1");
        Assert.Equal(Migrator.Known[0].Checksum, stored);
    }

    [Fact]
    public async Task Migrate_ConcurrentMigrators_SerialiseOnTheLock()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        await Sql.ExecAsync(scratch.DataSource, "DROP SCHEMA ob CASCADE");

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new Migrator(scratch.Database).MigrateAsync()));

        Assert.Equal(Migrator.Known.Count, reports.Sum(r => r.AppliedNow.Count));
        // 11 layers seeded by 0002, the two demo plans (TDGH, CSGH) by 0005: each once, whichever migrator ran it
        Assert.Equal(13L, await Sql.ScalarAsync<long>(scratch.DataSource, "SELECT count(*) FROM ob.layer_catalog"));
    }

    [Fact]
    public async Task Migrate_EditedMigration_IsRefusedWithItsName()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        await Sql.ExecAsync(scratch.DataSource, "UPDATE ob.schema_migrations SET checksum = repeat('0', 64) WHERE version = 1");

        var e = await Assert.ThrowsAsync<DatabaseSetupException>(() => new Migrator(scratch.Database).MigrateAsync());

        Assert.Contains("0001_schema", e.Message);
        Assert.Contains("changed after it was applied", e.Message);
        var readiness = await Readiness.CheckAsync(scratch.Database);
        Assert.False(readiness.IsReady);
        Assert.Contains("0001_schema", readiness.Problem);
    }

    [Fact]
    public async Task Migrate_DatabaseFromNewerBuild_IsRefused()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        await Sql.ExecAsync(scratch.DataSource, "INSERT INTO ob.schema_migrations (version, name, checksum) VALUES (9999, 'future', repeat('a', 64))");

        var e = await Assert.ThrowsAsync<DatabaseSetupException>(() => new Migrator(scratch.Database).MigrateAsync());

        Assert.Contains("9999_future", e.Message);
        Assert.Contains("newer", e.Message);
    }

    [Fact]
    public async Task Migrate_DifferentWorkingSrid_IsAStartupError()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();

        var e = await Assert.ThrowsAsync<DatabaseSetupException>(() => new Migrator(scratch.Database).MigrateAsync(workingSrid: 4546));

        Assert.Contains("EPSG:4547", e.Message);
        Assert.Contains("EPSG:4546", e.Message);
        Assert.Contains(Migrator.WorkingSridVariable, e.Message);
    }

    [Fact]
    public async Task Migrate_WorkingSrid_FixesSettingAndConstraints()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(workingSrid: 4546);

        Assert.Equal(4546, await scratch.Database.GetWorkingSridAsync());
        Assert.Equal("4546", await Sql.ScalarAsync<string>(scratch.DataSource, "SELECT value FROM ob.settings WHERE key = 'working_srid'"));
        // PostGIS reads the SRID from the CHECK constraint (geometry_columns view)
        Assert.Equal(4546, await Sql.ScalarAsync<int>(scratch.DataSource,
            "SELECT srid FROM geometry_columns WHERE f_table_schema = 'ob' AND f_table_name = 'layer_feature' AND f_geometry_column = 'geom'"));
        await Sql.ExecAsync(scratch.DataSource, "INSERT INTO ob.layer_version (layer_code, version, imported_by, feature_count) VALUES ('HP', 1, 't', 1)");
        var wrong = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(scratch.DataSource,
            "INSERT INTO ob.layer_feature (version_id, feature_no, attributes, geom) SELECT id, 1, '{}', ST_GeomFromText('POINT(1 2)', 4547) FROM ob.layer_version"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, wrong.SqlState);
        await Sql.ExecAsync(scratch.DataSource,
            "INSERT INTO ob.layer_feature (version_id, feature_no, attributes, geom) SELECT id, 1, '{}', ST_GeomFromText('POINT(1 2)', 4546) FROM ob.layer_version");
    }

    [Fact]
    public async Task Readiness_MigratedDatabase_IsReady()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();

        var readiness = await Readiness.CheckAsync(scratch.Database);

        Assert.True(readiness.IsReady, readiness.Problem);
        Assert.Equal(4547, readiness.WorkingSrid);
        Assert.StartsWith("3.", readiness.PostGisVersion);
    }

    [Fact]
    public async Task Readiness_MissingMigration_ListsIt()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        await Sql.ExecAsync(scratch.DataSource, "DELETE FROM ob.schema_migrations WHERE version = 2");

        var readiness = await Readiness.CheckAsync(scratch.Database);

        Assert.False(readiness.IsReady);
        Assert.Equal(["0002_layer_catalog_seed"], readiness.PendingMigrations);
    }

    [Fact]
    public async Task Readiness_UnreachableServer_SaysSo()
    {
        await using var db = new ObDatabase("Host=127.0.0.1;Port=1;Username=postgres;Database=nothing;Timeout=3");

        var readiness = await Readiness.CheckAsync(db);

        Assert.False(readiness.Reachable);
        Assert.Contains("scripts/pg.sh start", readiness.Problem);
    }
}
