namespace OneBlueprint.Engines.Discrepancy.Results;

/// <summary>A value of plan <see cref="Side"/> ("A" or "B") that the classification does not know, and how many features have it.</summary>
public sealed record UnclassifiedValue(string Side, string? Value, int Features);
