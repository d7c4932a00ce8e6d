using NetTopologySuite.Geometries;

namespace OneBlueprint.Engines.Discrepancy.Results;

/// <summary>
/// One discrepancy patch (差异图斑): a single polygon where the plans differ (<see cref="PartKind.Differ"/>) or where only
/// one plan has something (<see cref="PartKind.OnlyA"/>, <see cref="PartKind.OnlyB"/>). It lies inside one feature of
/// each plan present (<see cref="FeatureIdA"/>, <see cref="FeatureIdB"/>) and, when districts were given, inside one
/// district. Numbers run 1… in the result's deterministic order; the ledger assigns its own stable DKBH.
/// </summary>
public sealed record DiscrepancyPatch
{
    /// <summary>1-based position in the result (not a ledger number).</summary>
    public required int Number { get; init; }

    public required PartKind Kind { get; init; }

    /// <summary>差异类型代码 (see <see cref="DiscrepancyType"/>); null for one-sided patches and classes without a construction flag.</summary>
    public string? Cylxdm { get; init; }

    /// <summary>差异类型名称 of <see cref="Cylxdm"/>.</summary>
    public string? CylxMc => Cylxdm is null ? null : DiscrepancyType.NameZh(Cylxdm);

    /// <summary>A conflict the ledger must resolve (CYLXDM 2 or 3).</summary>
    public bool IsConflict => Cylxdm is not null && DiscrepancyType.IsConflict(Cylxdm);

    public string? ClassA { get; init; }
    public string? ClassB { get; init; }

    /// <summary>Plan A's land-use value as text (TGYDXZ); null when A has nothing here or the value is empty.</summary>
    public string? ValueA { get; init; }

    /// <summary>Plan B's land-use value as text (CGYDXZ).</summary>
    public string? ValueB { get; init; }

    public long? FeatureIdA { get; init; }
    public long? FeatureIdB { get; init; }

    /// <summary>All attributes of the A feature (shared with the input, not copied).</summary>
    public IReadOnlyDictionary<string, object?>? AttributesA { get; init; }

    public IReadOnlyDictionary<string, object?>? AttributesB { get; init; }

    /// <summary>A Polygon in the working CRS.</summary>
    public required Geometry Geometry { get; init; }

    /// <summary>Planar area (投影面积) in the working CRS, m².</summary>
    public required double AreaM2 { get; init; }

    /// <summary>Ellipsoidal area (椭球面积) on CGCS2000, m².</summary>
    public required double EllipsoidalAreaM2 { get; init; }

    public required double PerimeterM { get; init; }

    /// <summary>District code and name (XZQDM/XZQMC); null without districts or outside all of them.</summary>
    public string? Xzqdm { get; init; }

    public string? Xzqmc { get; init; }

    /// <summary>Overlap with 永久基本农田 in m²; null when that layer was not given.</summary>
    public double? JbntAreaM2 { get; init; }

    /// <summary>Overlap with 生态保护红线 in m²; null when not given.</summary>
    public double? SthxAreaM2 { get; init; }

    /// <summary>Overlap with 城镇开发边界 in m²; null when not given.</summary>
    public double? KfbjAreaM2 { get; init; }

    /// <summary>JBNT flag: the patch overlaps 永久基本农田 (null: layer not given).</summary>
    public bool? Jbnt => JbntAreaM2 is { } v ? v > 0 : null;

    public bool? Sthx => SthxAreaM2 is { } v ? v > 0 : null;

    public bool? Kfbj => KfbjAreaM2 is { } v ? v > 0 : null;
}
