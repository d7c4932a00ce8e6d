namespace OneBlueprint.Cli.Bench;

/// <summary>One control layer as the benchmark loaded it: its version, sizes, and the time to read it and build its index.</summary>
public sealed record LayerLoadStats(
    string Code,
    long LayerVersionId,
    int Features,
    int Pieces,
    long Vertices,
    int MaxVertices,
    int InvalidFeatures,
    double LoadSeconds);
