namespace OneBlueprint.Engines.Compliance;

/// <summary>
/// What a check is asked: the project (code and category — the category decides which rules apply, e.g. 交通 may
/// occupy farmland with approval) and whether geometry is wanted. Without geometry the engine computes areas only
/// (the fast path); with it, it also builds the overlap parts, the outside part, and the ellipsoidal areas (which
/// need the parts).
/// </summary>
public sealed record ComplianceRequest
{
    public string? ProjectCode { get; init; }
    public string? ProjectCategory { get; init; }
    public bool IncludeGeometry { get; init; }
}
