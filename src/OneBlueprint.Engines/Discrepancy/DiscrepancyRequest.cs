using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Discrepancy;

/// <summary>
/// What to compare: plan <see cref="A"/> (土规 side: its value is TGYDXZ) against plan <see cref="B"/> (城规 side:
/// CGYDXZ) in the working CRS <see cref="Srid"/> (a metric Gauss-Krüger system; planar areas are taken there, ellipsoidal
/// ones on CGCS2000). Optional context: control layers whose overlap each patch reports (永久基本农田 → JBNT,
/// 生态保护红线 → STHX, 城镇开发边界 → KFBJ; indexes built as for compliance), and districts patches are cut by.
/// </summary>
public sealed record DiscrepancyRequest
{
    public required PlanLayer A { get; init; }
    public required PlanLayer B { get; init; }
    public required int Srid { get; init; }

    /// <summary>Patch polygons that are too small or too narrow are counted, not kept.</summary>
    public SliverRules Slivers { get; init; } = SliverRules.Default;

    /// <summary>Parts present in one plan only become patches (true) or are only counted (false).</summary>
    public bool OneSidedPatches { get; init; } = true;

    /// <summary>Districts (XZQDM/XZQMC) to cut patches by; null: patches are not cut and have no district.</summary>
    public IReadOnlyList<District>? Districts { get; init; }

    /// <summary>永久基本农田 (YJJBNTBHTB): each patch's overlap with it (JBNT).</summary>
    public ControlLayerIndex? Farmland { get; init; }

    /// <summary>生态保护红线 (STBHHX): each patch's overlap with it (STHX).</summary>
    public ControlLayerIndex? EcologicalRedline { get; init; }

    /// <summary>城镇开发边界 (CZKFBJ): each patch's overlap with it (KFBJ).</summary>
    public ControlLayerIndex? UrbanBoundary { get; init; }
}
