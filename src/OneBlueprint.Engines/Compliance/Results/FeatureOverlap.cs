using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Compliance.Results;

/// <summary>
/// One control-line feature the red line overlaps: its id and attributes (DKBH, DLMC, KCXS, …, as stored) and the
/// overlap area (planar m²; ellipsoidal only when geometry was computed). <see cref="NetAreaM2"/> is set on layers
/// with a deduction attribute (farmland: overlap × (1 − KCXS)). <see cref="EdgeContact"/> marks an overlap within the
/// tolerance (survey noise): reported, but it does not count towards a conflict.
/// </summary>
public sealed record FeatureOverlap
{
    public required long FeatureId { get; init; }
    public required double OverlapAreaM2 { get; init; }
    public double OverlapAreaHa => AreaUnits.ToHectares(OverlapAreaM2);
    public double OverlapAreaMu => AreaUnits.ToMu(OverlapAreaM2);
    public double? OverlapAreaEllipsoidalM2 { get; init; }
    public double? Deduction { get; init; }
    public double? NetAreaM2 { get; init; }
    public required bool EdgeContact { get; init; }
    public required IReadOnlyDictionary<string, object?> Attributes { get; init; }
}
