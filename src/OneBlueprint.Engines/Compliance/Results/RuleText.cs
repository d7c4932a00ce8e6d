namespace OneBlueprint.Engines.Compliance.Results;

/// <summary>A rule's explanation for people, in Chinese (for reviewers and reports) and English.</summary>
public sealed record RuleText(string Zh, string En);
