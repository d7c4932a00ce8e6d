namespace OneBlueprint.Engines.Assessment.Coverage;

/// <summary>
/// Tolerance of the coverage verdicts. A red line traced along an area's boundary, or sent in lon/lat and
/// reprojected, leaves slivers of a few square millimetres in or out: below <see cref="ToleranceM2"/> a covered or
/// uncovered remainder does not change the status (the areas reported are still the exact ones).
/// </summary>
public sealed record AssessmentCoverageOptions
{
    public double ToleranceM2 { get; init; } = 0.01;

    public static AssessmentCoverageOptions Default { get; } = new();
}
