namespace OneBlueprint.Storage.Assessment;

/// <summary>
/// How to store an assessment area: who asks, where the file came from (name, SHA-256), its CRS when the file does
/// not say, whether to publish at once, and two deliberate exceptions to the input rules — <see cref="AllowOverlap"/>
/// (publish although a published area of another unit holds a result for the same item over the same ground in an
/// overlapping period: coverage then reports both and uses the valid and most recent) and <see cref="AllowExpired"/>
/// (record a result whose validity already ended, as history). <see cref="Today"/> is the day "expired" is judged on.
/// </summary>
public sealed record AssessmentImportRequest(
    string Who,
    DateOnly Today,
    string? SourceFile = null,
    string? ChecksumSha256 = null,
    int? SourceSridOverride = null,
    bool Publish = false,
    bool AllowOverlap = false,
    bool AllowExpired = false,
    string? Note = null);
