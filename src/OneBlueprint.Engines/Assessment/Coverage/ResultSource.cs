using OneBlueprint.Engines.Assessment.Registry;

namespace OneBlueprint.Engines.Assessment.Coverage;

/// <summary>
/// One area's result for an item that lies under the red line: how much of the red line the area holds
/// (<see cref="OverlapAreaM2"/>), whether the result is valid on the day asked about, and where it is the result
/// applied (<see cref="UsedAreaM2"/>: where valid results overlap, the most recent one is used, so an older one may
/// apply to less than it holds, or to nothing).
/// </summary>
public sealed record ResultSource(
    AssessmentArea Area,
    AssessedItem Item,
    double OverlapAreaM2,
    ValidityState State,
    double UsedAreaM2)
{
    /// <summary>The result applies to some of the red line.</summary>
    public bool Used => UsedAreaM2 > 0;
}
