namespace OneBlueprint.Server.Reports;

/// <summary>
/// A layer version a check used, as the catalogue describes it: <see cref="LayerVersionId"/> is the storage id the
/// result records, <see cref="Version"/> the per-layer number people read (1, 2, 3 …).
/// </summary>
public sealed record ReportLayerVersion(string Code, long LayerVersionId, int Version, DateOnly? EffectiveDate, DateTimeOffset ImportedAt);
