namespace OneBlueprint.Engines.Compliance.Rules;

/// <summary>The verdicts every layer shares: nothing overlapped, only edge contact, wholly inside (outside-measured layers).</summary>
public sealed record RuleOutcomes
{
    public required ComplianceRule NoOverlap { get; init; }
    public required ComplianceRule EdgeContact { get; init; }
    public required ComplianceRule Inside { get; init; }
}
