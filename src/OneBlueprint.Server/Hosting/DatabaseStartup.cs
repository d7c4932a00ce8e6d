using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Hosting;

/// <summary>Applies pending migrations before the server takes requests, so a fresh database just works.</summary>
public sealed class DatabaseStartup(Migrator migrator, ILogger<DatabaseStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var report = await migrator.MigrateAsync(ct: ct);
        log.LogInformation("Schema up to date: {Applied} migrations applied now, working CRS EPSG:{Srid}", report.AppliedNow.Count, report.WorkingSrid);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
