namespace OneBlueprint.Storage.Analysis;

/// <summary>
/// Patches of one job per district and kind: how many, their area in hectares and the share of the district's area
/// (the district's area from the current 行政区划 XZQH version; null when the district is not in it).
/// </summary>
public sealed record PatchStatistics(string? Xzqdm, string? Xzqmc, string Kind, bool IsConflict, long Count, double AreaHa,
    double EllipsoidalAreaHa, double? ShareOfDistrict);
