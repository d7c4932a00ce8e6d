using OneBlueprint.Cli.Commands;
using OneBlueprint.Cli.Console;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Cli.Bench.Diff;

/// <summary>`ob bench diff`: options, the run, the summary and the JSON (see <see cref="DiffBench"/>).</summary>
public static class DiffBenchCommand
{
    public const string Usage = """
               ob bench diff [--layer YJJBNTBHTB] [--field DLBM] [--seed 2026] [--no-repeat] [--out bench/results/diff.json]
          The discrepancy overlay (差异图斑分析) of the layer's current version against a revised copy (seeded: edges moved,
          features merged, split, reclassified, missing), both stored in PostGIS: our engine end to end (read both, overlay,
          totals; peak memory) and the same overlay in PostGIS SQL, in the same run; areas per class compared. Load the city
          scale first (./ob gen-demo --scale city --load). --no-repeat skips the second (warm) engine run.
        """;

    public static async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var layer = args.Get("layer") ?? "YJJBNTBHTB";
        var field = args.Get("field") ?? "DLBM";
        var seed = args.GetInt("seed") ?? 2026;
        var repeat = !args.Has("no-repeat");
        var output = args.Get("out") ?? Path.Combine(GenDemoCommand.RepositoryRoot(), "bench", "results", "diff.json");
        args.RejectUnknown();
        await using var db = ObDatabase.FromEnvironment();
        try
        {
            var report = await new DiffBench(db, layer, field, seed, repeat).RunAsync("ob " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), ct);
            await DiffBench.WriteAsync(report, output, ct);
            foreach (var line in DiffBench.Summary(report, output)) System.Console.WriteLine(line);
            return 0;
        }
        catch (Exception e) when (e is BenchSetupException or DatabaseSetupException)
        {
            System.Console.Error.WriteLine($"ob bench diff: {e.Message}");
            return 2;
        }
    }
}
