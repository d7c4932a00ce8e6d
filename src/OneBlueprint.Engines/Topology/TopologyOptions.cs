namespace OneBlueprint.Engines.Topology;

/// <summary>What the topology checks report and how they run.</summary>
public sealed record TopologyOptions
{
    public static TopologyOptions Default { get; } = new();

    /// <summary>
    /// A hole enclosed by a layer's features is a gap (缝隙) when its maximum inscribed circle is at most this wide
    /// (metres). Wider holes are taken as intended (a lake, an enclave of another jurisdiction) and only counted
    /// (<see cref="TopologyResult.WideHoleCount"/>). Null: every enclosed hole is a gap.
    /// </summary>
    public double? MaxGapWidthM { get; init; } = 100;

    /// <summary>
    /// Overlaps, gaps and 三线 conflicts of at most this area (m²) are dropped as noise, and counted in
    /// <see cref="TopologyResult.FilteredCount"/>/<see cref="TopologyResult.FilteredAreaM2"/>. 0 keeps everything with area.
    /// </summary>
    public double MinAreaM2 { get; init; }

    /// <summary>Report invalid features (default). False when the caller has judged validity itself, e.g. on the
    /// coordinates of a source file before reprojection; invalid geometries are still analysed as repaired.</summary>
    public bool ReportInvalid { get; init; } = true;

    /// <summary>Threads used (the machine this runs on has two cores).</summary>
    public int MaxDegreeOfParallelism { get; init; } = 2;

    internal void Validate()
    {
        if (MaxGapWidthM is { } w && !(w > 0 && double.IsFinite(w)))
            throw new ArgumentOutOfRangeException(nameof(MaxGapWidthM), w, "the gap width must be a positive number of metres");
        if (!(MinAreaM2 >= 0 && double.IsFinite(MinAreaM2)))
            throw new ArgumentOutOfRangeException(nameof(MinAreaM2), MinAreaM2, "the minimum area must be 0 or more square metres");
        if (MaxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "use at least one thread");
    }
}
