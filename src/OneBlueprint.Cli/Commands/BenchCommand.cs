using OneBlueprint.Cli.Bench;
using OneBlueprint.Cli.Console;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Cli.Commands;

/// <summary>
/// `ob bench compliance`: the compliance benchmark of issue 3 — the engine in-process, plain NetTopologySuite,
/// PostGIS and HTTP on the same generated red lines against the current blueprint, written to
/// bench/results/compliance.json (see <see cref="ComplianceBench"/>).
/// </summary>
public sealed class BenchCommand : ICommand
{
    public string Name => "bench";
    public string Summary => "benchmark compliance checks: engine vs PostGIS vs HTTP (bench compliance)";
    public string Usage => """
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
        Uses OB_DATABASE (default the local cluster of scripts/pg.sh). Ctrl+C cancels; nothing is written then.
        """;
    public IReadOnlySet<string> Flags => new HashSet<string> { "no-http" };

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var what = args.Positional(0, "what to benchmark (compliance)");
        if (what != "compliance") throw new UsageException($"unknown benchmark '{what}': only 'compliance' exists");
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

    private static int NonNegative(int value, string name) =>
        value >= 0 ? value : throw new UsageException($"--{name} must be zero or a positive whole number, not {value}");

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new UsageException($"--{name} must be a positive whole number, not {value}");
}
