using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;

namespace OneBlueprint.Storage.Layers;

/// <summary>
/// A catalogue entry (ob.layer_catalog) with its current version: the highest version number, or null
/// when nothing was imported yet (then <see cref="FeatureCount"/> is 0 and <see cref="Bbox"/> null).
/// <see cref="Bbox"/> is in the working SRID.
/// </summary>
public sealed record LayerInfo(
    string Code,
    string NameZh,
    string NameEn,
    string GroupName,
    string GeometryType,
    bool IsPublic,
    int SortOrder,
    JsonObject Style,
    string? Description,
    int? CurrentVersion,
    long? CurrentVersionId,
    int FeatureCount,
    Envelope? Bbox);
