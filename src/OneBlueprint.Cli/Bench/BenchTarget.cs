using System.Globalization;

namespace OneBlueprint.Cli.Bench;

/// <summary>One target of the issue, what was measured against it, and whether it was met (null: not measured).</summary>
public sealed record BenchTarget(string Name, string Target, double? Measured, string Unit, bool? Pass)
{
    public static BenchTarget AtMost(string name, double limit, double? measured, string unit) =>
        new(name, string.Create(CultureInfo.InvariantCulture, $"≤ {limit} {unit}"), measured, unit, measured is null ? null : measured <= limit);

    public static BenchTarget AtLeast(string name, double limit, double? measured, string unit) =>
        new(name, string.Create(CultureInfo.InvariantCulture, $"≥ {limit} {unit}"), measured, unit, measured is null ? null : measured >= limit);

    /// <summary>The targets of issue 3's Benchmark Must-show, plus area agreement with PostGIS.</summary>
    public static IReadOnlyList<BenchTarget> Evaluate(LatencyStats engine, LatencyStats postGis, HttpThroughput? http, AreaAgreement engineVsPostGis) =>
    [
        AtMost("in-process p50", 1, engine.P50Ms, "ms"),
        AtMost("in-process p99", 5, engine.P99Ms, "ms"),
        AtLeast("PostGIS p50 / in-process p50", 3, engine.P50Ms > 0 && postGis.Count > 0 ? postGis.P50Ms / engine.P50Ms : null, "×"),
        AtLeast("HTTP throughput on all cores", 500, http?.ChecksPerSecond, "checks/s"),
        new("areas agree with PostGIS", "every layer of every red line within 0.01 m² or 1e-6 relative",
            engineVsPostGis.Disagreements + engineVsPostGis.Missing, "pairs outside", engineVsPostGis.Compared > 0 ? engineVsPostGis.Agrees : null),
    ];
}
