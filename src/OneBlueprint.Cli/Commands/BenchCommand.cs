using OneBlueprint.Cli.Bench;
using OneBlueprint.Cli.Bench.Diff;
using OneBlueprint.Cli.Console;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Cli.Commands;

/// <summary>
/// `ob bench compliance`: the compliance benchmark of issue 3 — the engine in-process, plain NetTopologySuite,
/// PostGIS and HTTP on the same generated red lines against the current blueprint, written to
/// bench/results/compliance.json (see <see cref="ComplianceBench"/>). `ob bench tiles`: the vector tile benchmark
/// of issue 6 — cold, cached and ST_AsMVT per zoom plus wrk, written to bench/results/tiles.json (<see cref="TileBench"/>).
/// `ob bench diff`: the discrepancy overlay of issue 4 against PostGIS SQL, written to bench/results/diff.json (<see cref="DiffBench"/>).
/// </summary>
public sealed class BenchCommand : ICommand
{
    public string Name => "bench";
    public string Summary => "benchmarks: compliance checks vs PostGIS (bench compliance), vector tiles vs ST_AsMVT (bench tiles), discrepancy overlay vs PostGIS (bench diff)";
    public string Usage => $"""
        usage: ob bench compliance [--checks 1000] [--seed 2026] [--out bench/results/compliance.json]
                                   [--http-concurrency 8] [--http-seconds 15] [--http-max-requests 20000]
                                   [--http-stored 100] [--no-http] [--pg-subdivide 256]
          Checks generated red lines against the current control layers in PostGIS (load the city scale first:
          ./ob gen-demo --scale city --load): in-process with the engine (and with its fast paths off), as one
          prepared PostGIS query per red line, and over HTTP against the server started in-process. Prints a
          summary and writes the figures, the area agreement and the targets as JSON.
          --checks             how many red lines (a third random, a third inside ecological redlines, a third
                               straddling the urban development boundary)
          --seed               the red lines' seed: the same seed and blueprint give the same red lines
          --out                where to write the JSON (default bench/results/compliance.json in the checkout)
          --http-concurrency   clients sending at once in the throughput phase
          --http-seconds       length of the throughput phase; --http-max-requests bounds it too
          --http-stored        how many red lines to send once more as stored checks (dryRun=false; these
                               add rows to the database's compliance checks); 0 skips that phase
          --no-http            skip the HTTP phases
          --pg-subdivide       ST_Subdivide max_vertices for PostGIS's copies of the large layers

               ob bench tiles [--layer YJJBNTBHTB] [--zoom 10-16] [--tiles 50] [--seed 2026] [--out bench/results/tiles.json]
                              [--wrk-seconds 10] [--wrk-connections 32]
          Random tiles per zoom over the layer's extent (fixed seed), each rendered cold by our renderer, fetched from
          the server started in-process (served from its disk cache, a temp folder) and made by PostGIS ST_AsMVT, in
          the same run; then wrk (2 threads) cycles over the non-empty tiles on loopback for cached throughput.
          --wrk-seconds 0 skips wrk.

        {DiffBenchCommand.Usage}
        Uses OB_DATABASE (default the local cluster of scripts/pg.sh). Ctrl+C cancels; nothing is written then.
        """;
    public IReadOnlySet<string> Flags => new HashSet<string> { "no-http", "no-repeat" };

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var what = args.Positional(0, "what to benchmark (compliance or tiles)");
        if (what == "tiles") return await TilesAsync(args, ct);
        if (what == "diff") return await DiffBenchCommand.RunAsync(args, ct);
        if (what != "compliance") throw new UsageException($"unknown benchmark '{what}': 'compliance', 'tiles' and 'diff' exist");
        var options = new BenchOptions
        {
            Checks = Positive(args.GetInt("checks") ?? 1000, "checks"),
            Seed = args.GetInt("seed") ?? 2026,
            OutputPath = args.Get("out") ?? Path.Combine(GenDemoCommand.RepositoryRoot(), "bench", "results", "compliance.json"),
            HttpConcurrency = Positive(args.GetInt("http-concurrency") ?? 8, "http-concurrency"),
            HttpSeconds = Positive(args.GetInt("http-seconds") ?? 15, "http-seconds"),
            HttpMaxRequests = Positive(args.GetInt("http-max-requests") ?? 20_000, "http-max-requests"),
            HttpStoredChecks = NonNegative(args.GetInt("http-stored") ?? 100, "http-stored"),
            SkipHttp = args.Has("no-http"),
            PostGisSubdivideVertices = Positive(args.GetInt("pg-subdivide") ?? PostGisBench.DefaultSubdivideVertices, "pg-subdivide"),
            CommandLine = "ob " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
        };
        args.RejectUnknown();

        await using var db = ObDatabase.FromEnvironment();
        try
        {
            var report = await new ComplianceBench(db, options).RunAsync(ct);
            System.Console.WriteLine(BenchSummary.Format(report, options.OutputPath));
            return 0;
        }
        catch (Exception e) when (e is BenchSetupException or DatabaseSetupException)
        {
            System.Console.Error.WriteLine($"ob bench: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> TilesAsync(CommandArgs args, CancellationToken ct)
    {
        var layer = args.Get("layer") ?? "YJJBNTBHTB";
        var (minZoom, maxZoom) = TilesCommand.ParseZoom(args.Get("zoom") ?? "10-16");
        var tiles = Positive(args.GetInt("tiles") ?? 50, "tiles");
        var seed = args.GetInt("seed") ?? 2026;
        var wrkSeconds = NonNegative(args.GetInt("wrk-seconds") ?? 10, "wrk-seconds");
        var wrkConnections = Positive(args.GetInt("wrk-connections") ?? 32, "wrk-connections");
        var output = args.Get("out") ?? Path.Combine(GenDemoCommand.RepositoryRoot(), "bench", "results", "tiles.json");
        args.RejectUnknown();
        var cache = Path.Combine(Path.GetTempPath(), "ob-tile-bench-" + Guid.NewGuid().ToString("N"));
        await using var db = ObDatabase.FromEnvironment();
        try
        {
            var bench = new TileBench(db, layer, minZoom, maxZoom, tiles, seed, cache, wrkSeconds, wrkConnections);
            var result = await ProgressBar.RunAsync($"tiles bench {layer} z{minZoom}-{maxZoom}", p => bench.RunAsync(p, ct));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            var temp = output + ".tmp";
            await File.WriteAllTextAsync(temp, TileBench.ToJson(result, layer, seed, "ob " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1))), ct);
            File.Move(temp, output, overwrite: true);
            System.Console.WriteLine($"{"zoom",4} {"empty",5} {"cold p50/p99 ms",18} {"fetch/draw p50",16} {"cached p50/p99",16} {"ST_AsMVT p50/p99",18} {"ratio",6} {"kB/PostGIS kB",14}");
            foreach (var z in result.Zooms)
                System.Console.WriteLine($"{z.Zoom,4} {z.EmptyTiles,5} {z.Cold.P50Ms,8:0.00} /{z.Cold.P99Ms,8:0.00} {z.ColdFetch.P50Ms,7:0.00} /{z.ColdDraw.P50Ms,7:0.00} {z.Cached.P50Ms,7:0.000} /{z.Cached.P99Ms,7:0.000} {z.PostGis.P50Ms,8:0.00} /{z.PostGis.P99Ms,8:0.00} {z.ColdP50OverPostGisP50,6:0.00} {z.MeanBytes / 1000,6:0.0} /{z.MeanPostGisBytes / 1000,6:0.0}");
            foreach (var (label, run) in new[] { ("wrk, all tiles", result.Wrk), ($"wrk, z{TileBench.SmallTileZoom}+", result.WrkSmallTiles) })
                if (run is { } w)
                    System.Console.WriteLine(w.Skipped is null
                        ? $"{label}: {w.RequestsPerSecond:N0} cached tiles/s over {w.Paths} tiles, p50 {w.P50Ms:0.00} ms, p99 {w.P99Ms:0.00} ms, {w.Non2xx} non-2xx, {w.SocketErrors} socket errors"
                        : $"{label}: {w.Skipped}");
            foreach (var t in TileBench.Targets(result))
                System.Console.WriteLine($"  {(t.Pass switch { true => "pass", false => "FAIL", null => "n/a " })}  {t.Name}: {t.Measured:0.###} {t.Unit} (target {t.Target})");
            System.Console.WriteLine($"→ {output}");
            return 0;
        }
        catch (Exception e) when (e is BenchSetupException or DatabaseSetupException)
        {
            System.Console.Error.WriteLine($"ob bench tiles: {e.Message}");
            return 2;
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }

    private static int NonNegative(int value, string name) =>
        value >= 0 ? value : throw new UsageException($"--{name} must be zero or a positive whole number, not {value}");

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new UsageException($"--{name} must be a positive whole number, not {value}");
}
