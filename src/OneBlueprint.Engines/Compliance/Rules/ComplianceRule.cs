using OneBlueprint.Engines.Compliance.Results;

namespace OneBlueprint.Engines.Compliance.Rules;

/// <summary>
/// One rule: when it applies (the project category is in <see cref="Categories"/>, or always when there are none),
/// the verdict it gives, and why, in Chinese and English. <see cref="Source"/> cites the regulation, if any.
/// </summary>
public sealed record ComplianceRule
{
    public required string Id { get; init; }
    public required Verdict Verdict { get; init; }
    public IReadOnlyList<string>? Categories { get; init; }
    public string? Source { get; init; }
    public required string Zh { get; init; }
    public required string En { get; init; }

    public RuleText Text => new(Zh, En);

    public bool AppliesTo(string? category)
    {
        if (Categories is not { Count: > 0 }) return true;
        if (string.IsNullOrWhiteSpace(category)) return false;
        var wanted = category.Trim();
        foreach (var c in Categories)
            if (string.Equals(c.Trim(), wanted, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
