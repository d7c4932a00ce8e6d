using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Storage.Import;

/// <summary>
/// A committed import: the new version (<see cref="VersionId"/> is what analyses record), how many features
/// it holds and how many were repaired (each repair also listed in <see cref="Repairs"/> and in the
/// version's repair_report), the CRS it came from, its extent in the working SRID, and the warnings the
/// reader had raised.
/// </summary>
public sealed record LayerImportResult(
    long VersionId,
    string LayerCode,
    int Version,
    int FeatureCount,
    int RepairedCount,
    int SourceSrid,
    int WorkingSrid,
    Envelope? Bbox,
    IReadOnlyList<InputProblem> Repairs,
    IReadOnlyList<InputProblem> Warnings,
    TimeSpan Elapsed);
