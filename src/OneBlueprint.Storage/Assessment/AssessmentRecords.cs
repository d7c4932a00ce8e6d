using NetTopologySuite.Geometries;

namespace OneBlueprint.Storage.Assessment;

/// <summary>
/// One stored version of an assessment area with its items and their documents (metadata only; the bytes are read
/// one document at a time). <see cref="Status"/> is draft, published or superseded; the geometry is in the working SRID.
/// </summary>
public sealed record AssessmentAreaRecord(
    long Id,
    string UnitCode,
    int Version,
    string Name,
    string? Scope,
    Geometry Geometry,
    double AreaM2,
    string Status,
    string? SourceFile,
    string? ChecksumSha256,
    int? SourceSrid,
    string? Note,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    DateTimeOffset? SupersededAt,
    IReadOnlyList<AssessmentItemRecord> Items)
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Superseded = "superseded";

    /// <summary>Published or superseded: it was public once, so its history and documents stay public.</summary>
    public bool WasPublished => Status != Draft;
}

/// <summary>A stored item result (QYPGSXXXB row).</summary>
public sealed record AssessmentItemRecord(
    long Id,
    long AreaId,
    string ItemCode,
    string ItemName,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string Mode,
    IReadOnlyList<string> MatchedApprovals,
    string? Conclusions,
    string? Conditions,
    string? IssuingBody,
    DateOnly? ApprovedOn,
    IReadOnlyList<AssessmentDocumentInfo> Documents);

/// <summary>A stored document's metadata.</summary>
public sealed record AssessmentDocumentInfo(
    long Id,
    long ItemId,
    string FileName,
    string MediaType,
    long SizeBytes,
    string Sha256,
    DateTimeOffset UploadedAt,
    string UploadedBy);

/// <summary>A document with its bytes and the status of the area version it belongs to (drafts are not public).</summary>
public sealed record AssessmentDocument(AssessmentDocumentInfo Info, byte[] Content, long AreaId, string AreaStatus);

/// <summary>A current development zone (开发区).</summary>
public sealed record DevelopmentZoneRecord(long Id, string Code, string Name, string? Kind, Geometry Geometry);

/// <summary>One result a project reuses, as recorded in a usage row.</summary>
public sealed record ReusedResult(string ItemCode, long ItemId, long AreaId, string UnitCode, int Version, string Mode);

/// <summary>Reuse in one calendar month (UTC): distinct projects, and how many checks recorded reuse.</summary>
public sealed record MonthlyReuse(int Year, int Month, int Projects, int Records);

/// <summary>What an import stored: the area version and its items, whether it was published, and the reader's warnings.</summary>
public sealed record AssessmentImportResult(AssessmentAreaRecord Area, int SourceSrid, IReadOnlyList<Geo.Problems.InputProblem> Warnings);
