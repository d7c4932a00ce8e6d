using NetTopologySuite.Geometries;

namespace OneBlueprint.Cli.Bench.Diff;

/// <summary>
/// One feature of the revised copy: its id (the source's, or a new one for split parts), geometry, class value, and
/// what the revision did to it (<see cref="RevisionChange"/>).
/// </summary>
public sealed record RevisedPatch(long Id, Geometry Geometry, string? Value, RevisionChange Change);

/// <summary>What happened to a feature in the revised copy.</summary>
public enum RevisionChange
{
    Unchanged,
    /// <summary>One of its edges was moved (both end vertices displaced).</summary>
    EdgeMoved,
    /// <summary>It shares a vertex with a moved edge of a neighbour and moved with it (the coverage stays a coverage).</summary>
    NeighbourMoved,
    /// <summary>A neighbour was merged into it (it keeps its id and value).</summary>
    Merged,
    /// <summary>A part of a feature split in two (new id).</summary>
    SplitPart,
    /// <summary>Same geometry, another class value.</summary>
    Reclassified,
}

/// <summary>How many features each change touched (Missing: dropped; MergedAway: absorbed by a neighbour; Split: features split).</summary>
public sealed record RevisionSummary(int Source, int Revised, int Unchanged, int EdgesMoved, int NeighboursMoved, int Merged, int MergedAway,
    int Split, int Missing, int Reclassified);
