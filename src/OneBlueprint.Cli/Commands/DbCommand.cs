using OneBlueprint.Cli.Console;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Cli.Commands;

/// <summary>`ob db migrate|status`: the schema in the database OB_DATABASE (or the local cluster) points at.</summary>
public sealed class DbCommand : ICommand
{
    public string Name => "db";
    public string Summary => "apply migrations (migrate) or show readiness (status)";
    public string Usage => "usage: ob db migrate | ob db status";

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var sub = args.Positional(0, "migrate or status");
        args.RejectUnknown();
        await using var db = ObDatabase.FromEnvironment();
        switch (sub)
        {
            case "migrate":
                var report = await new Migrator(db).MigrateAsync(ct: ct);
                System.Console.WriteLine($"{db.Describe()}: {report.AppliedNow.Count} migrations applied now, {report.AppliedTotal} in all; working CRS EPSG:{report.WorkingSrid}");
                return 0;
            case "status":
                var ready = await Readiness.CheckAsync(db, ct);
                System.Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(ready, JsonOutput.Options));
                return ready.IsReady ? 0 : 1;
            default:
                throw new UsageException($"unknown subcommand '{sub}'");
        }
    }
}
