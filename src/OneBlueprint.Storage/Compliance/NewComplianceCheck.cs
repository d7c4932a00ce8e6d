using NetTopologySuite.Geometries;

namespace OneBlueprint.Storage.Compliance;

/// <summary>
/// A check to store. <see cref="RedLine"/> is the red line as analysed, in the working SRID; <see cref="Input"/>
/// the body exactly as the caller sent it (<see cref="InputFormat"/> "geojson" or "txt", read in
/// <see cref="InputSrid"/>). <see cref="ResultJson"/> is the answer as given to the caller (served again as
/// stored); <see cref="Verdict"/> and <see cref="LayerVerdicts"/> repeat its verdicts for queries.
/// </summary>
public sealed record NewComplianceCheck(
    string? ProjectCode,
    string? Category,
    string InputFormat,
    string? InputName,
    int? InputSrid,
    byte[] Input,
    Geometry RedLine,
    IReadOnlyList<CheckedLayerVersion> LayerVersions,
    IReadOnlyDictionary<string, string> LayerVerdicts,
    string RulesName,
    string Verdict,
    string ResultJson,
    IReadOnlyList<CompliancePart> Parts,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string? CreatedByRole);
