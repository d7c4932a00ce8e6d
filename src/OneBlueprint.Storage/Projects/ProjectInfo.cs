namespace OneBlueprint.Storage.Projects;

/// <summary>A project (ob.project) and the number of its latest red-line revision (null before the first).</summary>
public sealed record ProjectInfo(
    string Code,
    string Name,
    string? Category,
    string? DistrictCode,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    int? LatestRevision);
