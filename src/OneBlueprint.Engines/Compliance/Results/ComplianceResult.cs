namespace OneBlueprint.Engines.Compliance.Results;

/// <summary>
/// The outcome of one compliance check (合规性审查): the red line, one entry per control layer of the snapshot
/// (in the order of the rules, then by code), the overall verdict (the worst layer verdict), the layer versions used
/// and the rules set, and notes (repairs, invalid features met). Deterministic: the same red line, request, rules and
/// snapshot give the same result, to the last bit.
/// </summary>
public sealed record ComplianceResult
{
    public required RedLineSummary RedLine { get; init; }
    public required Verdict Verdict { get; init; }
    public string? ProjectCode { get; init; }
    public string? ProjectCategory { get; init; }
    public required IReadOnlyList<LayerCompliance> Layers { get; init; }
    public required IReadOnlyList<LayerVersionUsed> Versions { get; init; }
    public required string RulesName { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
}
