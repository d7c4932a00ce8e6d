using System.Globalization;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Server.Reports;

/// <summary>
/// How reports write numbers, times and verdicts — one place, so the HTML, the PDF and the tests agree:
/// m² with 2 decimals and thousands separators (12,345.67), hectares with 4 (1.2346), 亩 with 2, shares as percent
/// with 2 (12.35%); times in China Standard Time (UTC+8, where the reviewers are) whatever the server's zone.
/// Invariant culture throughout.
/// </summary>
public static class ReportFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>China Standard Time: reports are read in China; a server in UTC must not print UTC clock times.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static string SquareMetres(double m2) => m2.ToString("N2", Invariant);
    public static string Hectares(double m2) => AreaUnits.ToHectares(m2).ToString("N4", Invariant);
    public static string Mu(double m2) => AreaUnits.ToMu(m2).ToString("N2", Invariant);
    public static string Percent(double ratio) => (ratio * 100).ToString("0.00", Invariant) + "%";
    public static string Metres(double m) => m.ToString("N2", Invariant);

    /// <summary>A deduction factor (扣除系数) as stored: up to 4 decimals.</summary>
    public static string Factor(double factor) => factor.ToString("0.####", Invariant);

    public static string Time(DateTimeOffset time) =>
        time.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " (UTC+8)";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);

    public static string VerdictZh(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "通过",
        Verdict.Warning => "需审批",
        Verdict.Conflict => "冲突",
        _ => verdict.ToString(),
    };

    public static string VerdictEn(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Warning => "needs approval",
        Verdict.Conflict => "conflict",
        _ => verdict.ToString(),
    };

    /// <summary>Badge colour: green pass, amber needs-approval, dark red conflict (not the red line's pure red).</summary>
    public static string VerdictColour(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "#2e7d32",
        Verdict.Warning => "#e65100",
        Verdict.Conflict => "#b71c1c",
        _ => "#616161",
    };
}
