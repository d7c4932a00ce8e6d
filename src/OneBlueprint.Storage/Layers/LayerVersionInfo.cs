using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;

namespace OneBlueprint.Storage.Layers;

/// <summary>
/// One imported version of a layer (ob.layer_version): immutable once written. <see cref="Id"/> is what
/// features, results and audit rows refer to; <see cref="Version"/> is the per-layer number people read
/// (1, 2, 3 …). <see cref="RepairReport"/> lists what --repair changed, null when nothing was repaired.
/// </summary>
public sealed record LayerVersionInfo(
    long Id,
    string LayerCode,
    int Version,
    DateOnly? EffectiveDate,
    string? SourceFile,
    string? ChecksumSha256,
    string ImportedBy,
    string? Note,
    int? SourceSrid,
    int FeatureCount,
    int RepairedCount,
    JsonNode? RepairReport,
    Envelope? Bbox,
    DateTimeOffset ImportedAt);
