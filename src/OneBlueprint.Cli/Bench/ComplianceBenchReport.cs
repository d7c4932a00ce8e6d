namespace OneBlueprint.Cli.Bench;

/// <summary>
/// What `ob bench compliance` writes to bench/results/compliance.json: the machine, the data, the timings of every
/// mode (in-process engine, plain NetTopologySuite, PostGIS, HTTP), the ratios, the area agreement between them, a
/// profile of where the engine's time goes, and the targets with pass/fail. Times in milliseconds.
/// </summary>
public sealed record ComplianceBenchReport
{
    public string Benchmark { get; init; } = "compliance";
    public required DateTimeOffset Timestamp { get; init; }
    public required string CommandLine { get; init; }
    public required string Method { get; init; }
    public required MachineInfo Machine { get; init; }
    public required BenchData Data { get; init; }
    public required IReadOnlyDictionary<string, ModeFigures> InProcess { get; init; }
    public required PostGisFigures PostGis { get; init; }
    public HttpFigures? Http { get; init; }
    public string? HttpSkipped { get; init; }
    public required IReadOnlyDictionary<string, double?> Ratios { get; init; }
    public required IReadOnlyList<AreaAgreement> Agreement { get; init; }
    public required ProfileFigures Profile { get; init; }
    public required IReadOnlyList<BenchTarget> Targets { get; init; }
    public required double TotalSeconds { get; init; }
}

/// <summary>The blueprint checked against and the red lines checked.</summary>
public sealed record BenchData(
    string Scale,
    string? Source,
    int WorkingSrid,
    double LoadSeconds,
    IReadOnlyList<LayerLoadStats> Layers,
    RedLineSetSummary RedLines,
    IReadOnlyList<LayerOverlapSummary> Overlaps);

/// <summary>The generated red lines in figures.</summary>
public sealed record RedLineSetSummary(
    int Seed,
    int Count,
    IReadOnlyDictionary<string, int> ByClass,
    IReadOnlyDictionary<string, int> AsIntendedByClass,
    int MultiParcel,
    int WithHoles,
    Spread Vertices,
    Spread AreaHa,
    string Distributions,
    double GenerateSeconds);

/// <summary>Minimum, median, mean and maximum of a quantity.</summary>
public sealed record Spread(double Min, double Median, double Mean, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length == 0 ? new Spread(0, 0, 0, 0) : new Spread(v[0], Percentiles.NearestRank(v, 0.5), v.Average(), v[^1]);
    }
}

/// <summary>Timings of one way of checking, overall and per red-line class.</summary>
public sealed record ModeFigures(
    string Description,
    LatencyStats Latency,
    IReadOnlyDictionary<string, LatencyStats> ByClass,
    double TotalSeconds,
    int Failures,
    IReadOnlyList<string> FailureSamples,
    double? AllocatedBytesPerCheck,
    GcCounters? GcDuringTimedPass)
{
    public static ModeFigures From(string description, TimedRun run, IReadOnlyList<BenchRedLine> redLines) => new(
        description,
        run.Stats,
        Enum.GetValues<RedLineClass>().ToDictionary(c => c.ToName(), c => run.StatsOf(redLines, c)),
        run.Seconds,
        run.Failures.Count,
        run.Failures.Take(5).ToArray(),
        run.Gc is null || run.Ticks.Length == 0 ? null : (double)run.Gc.AllocatedBytes / run.Ticks.Length,
        run.Gc);
}

/// <summary>The PostGIS side: the tables it queried, the statement, the session's settings and the timings.</summary>
public sealed record PostGisFigures(
    string Form,
    IReadOnlyList<PostGisTable> Tables,
    string Sql,
    IReadOnlyDictionary<string, string> Settings,
    ModeFigures Figures);

/// <summary>The HTTP side: sequential latency, then throughput with several clients.</summary>
public sealed record HttpFigures(
    string Endpoint,
    string Request,
    string Notes,
    ModeFigures Sequential,
    HttpThroughput Concurrent,
    ModeFigures? SequentialStored);

/// <summary>Checks per second with <see cref="Clients"/> clients sending back to back for a bounded time.</summary>
public sealed record HttpThroughput(int Clients, int Requests, int Errors, double Seconds, double ChecksPerSecond, LatencyStats Latency, IReadOnlyList<string> ErrorSamples);

/// <summary>Where the engine's time goes.</summary>
public sealed record ProfileFigures(
    LatencyStats PrepareRedLine,
    LatencyStats ValidateAndPrepareRedLine,
    IReadOnlyList<LayerProfile> Layers,
    IReadOnlyList<SlowRedLine> Slowest,
    string Notes);

/// <summary>One layer checked on its own: its latency, its share of all layer time, and its mean per red-line class.</summary>
public sealed record LayerProfile(string Code, LatencyStats Latency, double ShareOfLayerTime, IReadOnlyDictionary<string, double> MeanMsByClass);

/// <summary>One of the slowest red lines of the engine run, with the layer that took most of its time (profile).
/// <see cref="RetimedMs"/> is the median of five more timings of the same check: far below <see cref="EngineMs"/>, the
/// first timing was an interruption (another process, a collection), not the engine.</summary>
public sealed record SlowRedLine(int RedLine, string Class, int Vertices, int Parcels, int Holes, double AreaHa, double EngineMs,
    double RetimedMs, double? PostGisMs, string SlowestLayer, double SlowestLayerMs, double LayersSumMs);
