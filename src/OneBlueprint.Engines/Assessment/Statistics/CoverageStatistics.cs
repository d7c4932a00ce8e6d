using OneBlueprint.Engines.Assessment.Registry;

namespace OneBlueprint.Engines.Assessment.Statistics;

/// <summary>
/// How much of the city the published regional-assessment results cover, on one day. Areas are planar km² in the
/// working CRS. "Assessed" is the union of the published areas whatever their results' validity; "by item" is the
/// union of the areas holding a result for that item valid on <see cref="Date"/>. Overlapping areas count once.
/// </summary>
public sealed record CoverageStatistics
{
    public required DateOnly Date { get; init; }
    public required int AreaCount { get; init; }
    public required double AssessedKm2 { get; init; }
    public required IReadOnlyList<ItemArea> ByItem { get; init; }
    public required IReadOnlyList<DistrictArea> ByDistrict { get; init; }
    public required RegionShare UrbanBoundary { get; init; }
    public required RegionShare DevelopmentZones { get; init; }
    public required IReadOnlyList<RegionShare> Zones { get; init; }
    public required int ExpiringWithinDays { get; init; }
    public required IReadOnlyList<ExpiringResult> Expiring { get; init; }
}

/// <summary>The area (km²) covered by valid results of one item, citywide or within a district.</summary>
public sealed record ItemArea(string ItemCode, string ItemNameZh, double Km2);

/// <summary>A district: its area, the assessed part, and the part covered by valid results of each item.</summary>
public sealed record DistrictArea(string Code, string Name, double DistrictKm2, double AssessedKm2, IReadOnlyList<ItemArea> ByItem);

/// <summary>A region (the 城镇开发边界, the development zones together or one of them) and how much of it is assessed.</summary>
public sealed record RegionShare(string Code, string Name, double Km2, double AssessedKm2)
{
    public double Share => Km2 > 0 ? AssessedKm2 / Km2 : 0;
}

/// <summary>A result valid on the day that expires within the window: reuse ends on <see cref="ValidTo"/>.</summary>
public sealed record ExpiringResult(AssessmentArea Area, AssessedItem Item, DateOnly ValidTo, int DaysLeft);
