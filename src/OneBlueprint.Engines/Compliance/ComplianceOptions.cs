namespace OneBlueprint.Engines.Compliance;

/// <summary>How the engine computes (not what it answers: both settings give the same areas to ~1e-12).</summary>
public sealed record ComplianceOptions
{
    public static ComplianceOptions Default { get; } = new();

    /// <summary>
    /// True (default): the overlap kernel (boundary crossings; whole pieces or the whole red line taken without
    /// overlay; area without geometry). False: the plain way — prepared red line, then OverlayNG for every candidate
    /// piece it intersects — kept as the benchmark's "plain NetTopologySuite" reference and as a cross-check.
    /// </summary>
    public bool FastPaths { get; init; } = true;
}
