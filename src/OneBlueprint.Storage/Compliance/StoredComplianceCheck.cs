using NetTopologySuite.Geometries;

namespace OneBlueprint.Storage.Compliance;

/// <summary>A stored check (ob.compliance_check) with everything needed to show, export or reproduce it.</summary>
public sealed record StoredComplianceCheck(
    long Id,
    string? ProjectCode,
    string? Category,
    string InputFormat,
    string? InputName,
    int? InputSrid,
    byte[] Input,
    Geometry RedLine,
    double RedLineAreaM2,
    IReadOnlyList<CheckedLayerVersion> LayerVersions,
    IReadOnlyDictionary<string, string> LayerVerdicts,
    string RulesName,
    string Verdict,
    string ResultJson,
    DateTimeOffset CreatedAt,
    string CreatedBy);
