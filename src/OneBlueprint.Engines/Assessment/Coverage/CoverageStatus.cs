namespace OneBlueprint.Engines.Assessment.Coverage;

/// <summary>How much of a red line lies in areas holding a result for an item that is valid on the day asked about.</summary>
public enum CoverageStatus
{
    /// <summary>All of it (what is left over is below the tolerance).</summary>
    FullyCovered,
    /// <summary>Some of it: the rest needs the project's own assessment.</summary>
    PartlyCovered,
    /// <summary>None of it with a valid result (expired or not-yet-valid results may still lie under it).</summary>
    NotCovered,
}

/// <summary>What the project may do for an item's approvals.</summary>
public enum ReuseDecision
{
    /// <summary>Reuse the area's result: the matched approvals go by its simplified mode (告知承诺, 免于评估, 简化).</summary>
    MayReuse,
    /// <summary>The project needs its own assessment for this item (not covered, partly covered, or only by expired results).</summary>
    NeedsOwnAssessment,
}
