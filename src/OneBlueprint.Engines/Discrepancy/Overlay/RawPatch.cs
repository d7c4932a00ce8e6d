using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Discrepancy.Results;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>A patch before finishing: kind, the A and B ordinals (−1 when absent) and its geometry (possibly multi-part).</summary>
internal readonly record struct RawPatch(PartKind Kind, int A, int B, Geometry Geometry);

/// <summary>
/// One polygon of a finished patch: its district, areas and control-layer overlaps, or — when <see cref="SliverReason"/> is
/// set — a sliver that is only counted (1 too small, 2 too narrow).
/// </summary>
internal sealed record FinishedPart(
    Polygon Polygon,
    District? District,
    double AreaM2,
    double PerimeterM,
    int SliverReason,
    double EllipsoidalAreaM2,
    double? JbntM2,
    double? SthxM2,
    double? KfbjM2);
