namespace OneBlueprint.Engines.Ledger;

/// <summary>How a patch of a new run relates to the previous run of the same analysis.</summary>
public enum PatchMatch
{
    /// <summary>No patch of the previous run overlaps it enough: a new number, status 待处理.</summary>
    New,

    /// <summary>The same kind and the same geometry (to <see cref="PatchMatcher.SameShape"/>): number and status kept.</summary>
    Unchanged,

    /// <summary>Mostly where a previous patch was, but its shape or kind differs: number kept, reported as changed.</summary>
    Changed,
}
