namespace OneBlueprint.Storage.Projects;

/// <summary>One red-line revision of a project: how many parcels, their planar area (m², working SRID), where it came from.</summary>
public sealed record RedLineRevisionInfo(
    int Revision,
    int ParcelCount,
    double AreaSquareMetres,
    string? SourceFile,
    string CreatedBy,
    DateTimeOffset CreatedAt);
