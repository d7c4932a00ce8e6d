namespace OneBlueprint.Engines.Discrepancy.Results;

/// <summary>
/// The outcome of a two-plan overlay: the patches in deterministic order, totals per kind and class pair and per
/// CYLXDM, each plan's area balance (conservation), the slivers filtered, values the classifications did not know,
/// notes (invalid features repaired, overlay failures, skipped features) and what the work took.
/// </summary>
public sealed record DiscrepancyResult(
    IReadOnlyList<DiscrepancyPatch> Patches,
    IReadOnlyList<ClassTotal> Classes,
    IReadOnlyList<TypeTotal> Types,
    SideBalance A,
    SideBalance B,
    SliverSummary Slivers,
    IReadOnlyList<UnclassifiedValue> Unclassified,
    IReadOnlyList<string> Notes,
    OverlayWork Work)
{
    /// <summary>Both plans' areas are accounted for within <see cref="SideBalance.Tolerance"/>.</summary>
    public bool Conserved => A.Conserved && B.Conserved;
}
