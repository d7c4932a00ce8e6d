using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Compliance.Results;

/// <summary>
/// The result for one control layer.
/// <list type="bullet">
/// <item><see cref="OverlapAreaM2"/>: Σ over the overlapped features of area(red line ∩ feature), planar m² in the
/// working CRS, not rounded. Features of a control layer are not supposed to overlap each other; where they do, the
/// shared part is counted once per feature (as a per-feature PostGIS sum would).</item>
/// <item><see cref="OverlapRatio"/>: overlap / red-line area.</item>
/// <item><see cref="NetAreaM2"/>: layers with a deduction attribute only (farmland: Σ overlap × (1 − KCXS)).</item>
/// <item><see cref="OutsideAreaM2"/>: layers measured by what lies outside them (城镇开发边界): red-line area − overlap.</item>
/// <item>Ellipsoidal areas, <see cref="Parts"/> and <see cref="OutsideGeometry"/> (working CRS; the HTTP layer turns
/// them into GeoJSON) are computed only when the request asks for geometry; otherwise null.</item>
/// <item><see cref="EdgeContact"/>: the verdict is pass because every overlap was within the tolerance.</item>
/// </list>
/// </summary>
public sealed record LayerCompliance
{
    public required string Code { get; init; }
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
    public required long LayerVersionId { get; init; }
    public required Verdict Verdict { get; init; }
    public required string RuleId { get; init; }
    public required RuleText RuleText { get; init; }
    public required double OverlapAreaM2 { get; init; }
    public double OverlapAreaHa => AreaUnits.ToHectares(OverlapAreaM2);
    public double OverlapAreaMu => AreaUnits.ToMu(OverlapAreaM2);
    public double? OverlapAreaEllipsoidalM2 { get; init; }
    public required double OverlapRatio { get; init; }
    public double? NetAreaM2 { get; init; }
    public double? OutsideAreaM2 { get; init; }
    public double? OutsideAreaEllipsoidalM2 { get; init; }
    public required bool EdgeContact { get; init; }
    public Geometry? Parts { get; init; }
    public Geometry? OutsideGeometry { get; init; }
    public required IReadOnlyList<FeatureOverlap> Features { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
}
