namespace OneBlueprint.Storage.Compliance;

/// <summary>One line of a list of checks: who checked what when, and the verdicts (overall and per layer code).</summary>
public sealed record ComplianceCheckSummary(
    long Id,
    string? ProjectCode,
    string? Category,
    string Verdict,
    IReadOnlyDictionary<string, string> LayerVerdicts,
    double RedLineAreaM2,
    string InputFormat,
    string? InputName,
    DateTimeOffset CreatedAt,
    string CreatedBy);
