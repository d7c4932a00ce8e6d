namespace OneBlueprint.Engines.Discrepancy.Results;

/// <summary>
/// The slivers filtered under <see cref="Rules"/>: how many and how much area in all, and how many for each reason (a
/// sliver both too small and too narrow counts under <see cref="TooSmall"/>). Per side and class: the balances and class totals.
/// </summary>
public sealed record SliverSummary(SliverRules Rules, int Count, double AreaM2, int TooSmall, int TooNarrow);
