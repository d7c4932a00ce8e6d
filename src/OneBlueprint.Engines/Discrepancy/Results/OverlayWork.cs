namespace OneBlueprint.Engines.Discrepancy.Results;

/// <summary>
/// What the overlay did, for benchmarks and curiosity: features matched as identical (no overlay at all), features left
/// to overlay, candidate pairs and how they were settled (common area measured exactly without geometry, or overlaid with
/// OverlayNG; of all, one inside the other, or only touching), remainders (one-sided parts) computed, invalid features
/// repaired, and the seconds each stage took.
/// </summary>
public sealed record OverlayWork(
    int FeaturesA,
    int FeaturesB,
    int IdenticalPairs,
    int UnmatchedA,
    int UnmatchedB,
    long CandidatePairs,
    long MeasuredPairs,
    long OverlaidPairs,
    long ContainedPairs,
    long TouchingPairs,
    int RemaindersA,
    int RemaindersB,
    int RepairedFeatures,
    int PatchPolygons,
    IReadOnlyDictionary<string, double> StageSeconds);
