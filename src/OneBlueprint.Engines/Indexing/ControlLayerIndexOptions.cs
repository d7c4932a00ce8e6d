namespace OneBlueprint.Engines.Indexing;

/// <summary>How a <see cref="ControlLayerIndex"/> is built.</summary>
public sealed record ControlLayerIndexOptions
{
    public static ControlLayerIndexOptions Default { get; } = new();

    /// <summary>
    /// Valid polygons with more vertices than this are cut into pieces of at most about this many vertices (the idea
    /// of PostGIS ST_Subdivide). 256 keeps the per-piece work of a check small while adding few cut edges;
    /// <see cref="int.MaxValue"/> turns subdivision off.
    /// </summary>
    public int MaxPieceVertices { get; init; } = 256;

    /// <summary>Use all cores for validation, subdivision and packing. The index is identical either way.</summary>
    public bool Parallel { get; init; } = true;
}
