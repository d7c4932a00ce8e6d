namespace OneBlueprint.Engines.Compliance.Results;

/// <summary>A layer version a result was computed on: with these a stored check can be reproduced.</summary>
public sealed record LayerVersionUsed(string Code, long LayerVersionId);
