using OneBlueprint.Cli.Console;
using OneBlueprint.Cli.Demo;
using OneBlueprint.DemoCity;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Cli.Commands;

/// <summary>
/// `ob gen-demo --scale demo|city`: generates the demo city (Zhengzhou's real base, synthetic control
/// lines), writes it under gis-data/SCALE/ and, with --load, imports it into PostGIS.
/// </summary>
public sealed class GenDemoCommand : ICommand
{
    public string Name => "gen-demo";
    public string Summary => "generate the demo city (--scale demo|city) into gis-data/, --load to import it";
    public string Usage => """
        usage: ob gen-demo [--scale demo|city] [--seed N] [--out DIR] [--load] [--if-missing]
          --scale       demo (~20k farmland patches, loads in under a minute) or city (≥200k, for benchmarks)
          --seed        random seed (default 2026); the same seed gives the same city
          --out         where to write files (default gis-data/SCALE next to ./ob)
          --load        import every layer and project into PostGIS as new versions
          --if-missing  with --load: do nothing when this scale and seed are already the current versions
        """;
    public IReadOnlySet<string> Flags => new HashSet<string> { "load", "if-missing" };

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        DemoScale scale;
        try { scale = DemoScaleNames.Parse(args.Get("scale") ?? "demo"); }
        catch (ArgumentException ex) { throw new UsageException(ex.Message); }
        var seed = args.GetInt("seed") ?? 2026;
        var output = args.Get("out") ?? Path.Combine(RepositoryRoot(), "gis-data", scale.ToName());
        var load = args.Has("load");
        var ifMissing = args.Has("if-missing");
        args.RejectUnknown();

        await using var db = load ? ObDatabase.FromEnvironment() : null;
        if (db is not null)
        {
            await new Migrator(db).MigrateAsync(ct: ct);
            if (ifMissing && await new DemoCityLoader(db).IsLoadedAsync(scale, seed, ct))
            {
                System.Console.Error.WriteLine($"demo city {scale.ToName()} (seed {seed}) is already loaded");
                return 0;
            }
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var city = await ProgressBar.RunAsync($"generate {scale.ToName()} city", progress =>
            Task.Run(() => DemoCityGenerator.Generate(scale, seed, progress, ct), ct));
        DemoCityWriter.Write(city, output);
        System.Console.Error.WriteLine($"generated and wrote {output} in {started.Elapsed.TotalSeconds:0.0} s: " +
            string.Join(", ", city.Layers.Select(l => $"{l.Key} {l.Value.Features.Count:N0}")) + $", {city.Projects.Count} projects");

        if (db is not null)
        {
            started.Restart();
            await ProgressBar.RunAsync($"load {scale.ToName()} city into PostGIS", async progress =>
            {
                await new DemoCityLoader(db).LoadAsync(city, output, progress, ct);
                return 0;
            });
            System.Console.Error.WriteLine($"loaded into {db.Describe()} in {started.Elapsed.TotalSeconds:0.0} s");
        }
        return 0;
    }

    /// <summary>The checkout ./ob lives in: the nearest folder above the binary that holds OneBlueprint.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OneBlueprint.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
