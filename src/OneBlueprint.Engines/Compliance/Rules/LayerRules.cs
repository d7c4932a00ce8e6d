namespace OneBlueprint.Engines.Compliance.Rules;

/// <summary>
/// The rules of one control layer: its names, what is measured (<see cref="LayerMeasure"/>), an optional deduction
/// attribute (farmland's 扣除系数 KCXS: net = overlap × (1 − value)) and the rules, tried in order, the last one
/// applying to every category.
/// </summary>
public sealed record LayerRules
{
    public required string Code { get; init; }
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public LayerMeasure Measure { get; init; } = LayerMeasure.Overlap;
    public string? DeductionAttribute { get; init; }
    public required IReadOnlyList<ComplianceRule> Rules { get; init; }

    /// <summary>The first rule that applies to the category (the last rule always does).</summary>
    public ComplianceRule RuleFor(string? category) => Rules.First(r => r.AppliesTo(category));
}
