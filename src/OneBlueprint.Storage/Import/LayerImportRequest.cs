namespace OneBlueprint.Storage.Import;

/// <summary>
/// What to import a feature set as: the layer (catalogue code), who asks and why, where the data came
/// from (file name and its SHA-256, kept with the version for provenance), the date the plan takes effect,
/// whether invalid geometries may be repaired (otherwise they reject the whole import), and the source
/// CRS when the file does not declare one (or declares it wrongly).
/// </summary>
public sealed record LayerImportRequest(
    string LayerCode,
    string Who,
    string? Note = null,
    string? SourceFile = null,
    string? ChecksumSha256 = null,
    DateOnly? EffectiveDate = null,
    bool RepairInvalid = false,
    int? SourceSridOverride = null);
