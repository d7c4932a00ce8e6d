using NetTopologySuite.Geometries;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// One farmland patch as a tile produces it, before numbering: the clipped shape, and for cells that
/// could become a deliberate conflict the unclipped cell and the layer it would overlap.
/// </summary>
public sealed record PatchDraft(
    int I,
    int J,
    Polygon Shape,
    string DistrictCode,
    string LandClass,
    double? DeductionRate,
    Polygon? Unclipped,
    string? ConflictLayer,
    double ConflictOverlap,
    ulong Hash);
