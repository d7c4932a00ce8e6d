using OneBlueprint.Engines.Discrepancy.Results;

namespace OneBlueprint.Cli.Bench.Diff;

/// <summary>
/// What `ob bench diff` writes to bench/results/diff.json: the machine, the data (source layer, revised copy and what
/// the revision did), our engine end to end (read both plans from PostGIS, overlay, totals; with its stages, work and
/// peak memory), PostGIS doing the same overlay in SQL, the ratio, the per-class area agreement and the targets.
/// </summary>
public sealed record DiffBenchReport
{
    public string Benchmark { get; init; } = "diff";
    public required DateTimeOffset Timestamp { get; init; }
    public required string CommandLine { get; init; }
    public required string Method { get; init; }
    public required MachineInfo Machine { get; init; }
    public required DiffBenchData Data { get; init; }
    public required DiffEngineRun Engine { get; init; }
    public DiffEngineRun? EngineRepeat { get; init; }
    public required DiffPostGisFigures PostGis { get; init; }
    public required double PostGisOverEngine { get; init; }
    public required double PostGisOverEngineOverlayOnly { get; init; }
    public required ClassAgreement Agreement { get; init; }
    public required IReadOnlyList<BenchTarget> Targets { get; init; }
    public required double TotalSeconds { get; init; }
}

/// <summary>The two plans: the stored layer version (A) and its deterministic revised copy (B).</summary>
public sealed record DiffBenchData(
    string Scale,
    string Layer,
    long LayerVersionId,
    string Field,
    int WorkingSrid,
    int Seed,
    int FeaturesA,
    int FeaturesB,
    string Revision,
    RevisionSummary Changes,
    double GenerateSeconds,
    double TablesSeconds);

/// <summary>
/// One end-to-end run of the engine: reading both plans from PostGIS (concurrently; fetch and decode per plan), the
/// overlay (per stage), the work it did and the memory it took (peak resident set of the process during the run, peak
/// managed heap, bytes allocated, collections).
/// </summary>
public sealed record DiffEngineRun(
    double Seconds,
    double ReadSeconds,
    PlanTable.Read ReadA,
    PlanTable.Read ReadB,
    double OverlaySeconds,
    OverlayWork Work,
    long PeakResidentBytes,
    bool ResidentPeakReset,
    long PeakManagedBytes,
    long AllocatedBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    int Patches,
    SliverSummary Slivers,
    SideBalance BalanceA,
    SideBalance BalanceB,
    IReadOnlyList<ClassTotal> Classes);

/// <summary>
/// The SQL side: statements, timings, whether the planner went parallel, the plan and the server settings; then the
/// untimed direct reference for the one-sided areas (statement, time) and the one-sided areas the timed subtraction gives.
/// </summary>
public sealed record DiffPostGisFigures(
    double Seconds,
    double PairSeconds,
    double SideSeconds,
    long CandidatePairs,
    bool ParallelPlan,
    string Plan,
    string PairSql,
    string SideSql,
    IReadOnlyDictionary<string, string> Settings,
    double OneSidedReferenceSeconds,
    string OneSidedReferenceSql,
    IReadOnlyList<SubtractedOneSided> OneSidedBySubtraction);
