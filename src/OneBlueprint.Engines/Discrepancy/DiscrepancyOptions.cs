namespace OneBlueprint.Engines.Discrepancy;

/// <summary>How the engine runs (not what it computes): results are the same whatever these say.</summary>
public sealed record DiscrepancyOptions
{
    public static DiscrepancyOptions Default { get; } = new();

    /// <summary>Threads the overlay may use; default all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
