using OneBlueprint.Engines.Assessment.Registry;

namespace OneBlueprint.Engines.Assessment.Coverage;

/// <summary>
/// The coverage of one red line by the regional-assessment results, on one day: one <see cref="ItemCoverage"/> per item
/// of the catalogue (and per item the areas hold that the catalogue does not know), in catalogue order; the areas the
/// red line touches; notes about the red line itself (repaired, non-areal parts dropped).
/// </summary>
public sealed record CoverageReport
{
    public required DateOnly Date { get; init; }
    public required int Srid { get; init; }
    public required double RedLineAreaM2 { get; init; }
    public required IReadOnlyList<ItemCoverage> Items { get; init; }
    public required IReadOnlyList<AssessmentArea> AreasTouched { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Items whose approvals may go by the simplified mode (告知承诺 …).</summary>
    public IReadOnlyList<ItemCoverage> MayReuse => Items.Where(i => i.Decision == ReuseDecision.MayReuse).ToArray();

    /// <summary>Items the project still needs its own assessment for.</summary>
    public IReadOnlyList<ItemCoverage> NeedOwnAssessment => Items.Where(i => i.Decision == ReuseDecision.NeedsOwnAssessment).ToArray();
}
