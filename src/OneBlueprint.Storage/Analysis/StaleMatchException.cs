namespace OneBlueprint.Storage.Analysis;

/// <summary>
/// Another run of the same series was stored after the run a new run's patch numbers were matched against: the
/// numbers would be wrong, so nothing was stored; match against the newer run and store again.
/// </summary>
public sealed class StaleMatchException(string series, long? matchedAgainst, long? latest)
    : Exception($"series '{series}': patches were matched against run {matchedAgainst?.ToString() ?? "(none)"}, but run {latest?.ToString() ?? "(none)"} is now the latest")
{
    public long? Latest { get; } = latest;
}
