namespace OneBlueprint.Engines.Assessment.Registry;

/// <summary>
/// The result of one assessment item for one assessment area (a QYPGSXXXB row): which item (<see cref="ItemCode"/>,
/// QYPGSXBM / QYPGSXMC), when it may be reused (<see cref="Validity"/>), how approvals go when it is
/// (<see cref="Mode"/>, JHSPDFS), the standard approval items it stands in for, its conclusions and the conditions
/// attached to reuse, who issued it and when, and its documents. <see cref="Id"/> is the store's id (0 when not stored).
/// </summary>
public sealed record AssessedItem
{
    public long Id { get; init; }
    public required string ItemCode { get; init; }
    public required string ItemName { get; init; }
    public required ValidityPeriod Validity { get; init; }
    public required SimplifiedApprovalMode Mode { get; init; }
    public IReadOnlyList<string> MatchedApprovals { get; init; } = [];
    public string? Conclusions { get; init; }
    public string? Conditions { get; init; }
    public string? IssuingBody { get; init; }

    /// <summary>When the result was approved (批复日期); what "most recent" means between results that overlap. Defaults to the validity start.</summary>
    public DateOnly? ApprovedOn { get; init; }

    public IReadOnlyList<AssessedDocument> Documents { get; init; } = [];

    /// <summary>The date results are ordered by: <see cref="ApprovedOn"/>, else the validity start.</summary>
    public DateOnly Issued => ApprovedOn ?? Validity.From;
}
