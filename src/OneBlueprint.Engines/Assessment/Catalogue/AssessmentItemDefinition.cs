namespace OneBlueprint.Engines.Assessment.Catalogue;

/// <summary>
/// One kind of regional-assessment item (区域评估事项) a deployment knows: its code (QYPGSXBM), its names, other names
/// people write for it (环评 for 环境影响评价), and the standard approval items (审批事项) a valid result stands in for
/// when an area's record does not name its own.
/// </summary>
public sealed record AssessmentItemDefinition
{
    public required string Code { get; init; }
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<string> StandardApprovals { get; init; } = [];
}
