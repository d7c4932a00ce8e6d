using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Assessment.Catalogue;
using OneBlueprint.Engines.Assessment.Registry;
using OneBlueprint.Engines.Compliance.Overlap;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Assessment.Statistics;

/// <summary>
/// Computes <see cref="CoverageStatistics"/> from the published areas and the regions they are measured against. Each
/// union (all areas; the areas of each item valid on the day; the urban boundary's features; the zones) is built once
/// with OverlayNG and intersected with each region, so overlapping areas or features are never counted twice.
/// Pure: the caller loads the geometries (working CRS) and says which day it is.
/// </summary>
public static class AssessmentStatistics
{
    private const double SquareMetresPerKm2 = 1_000_000;

    public static CoverageStatistics Compute(
        IReadOnlyList<AssessmentArea> areas,
        AssessmentItemCatalogue catalogue,
        IReadOnlyList<NamedRegion> districts,
        IReadOnlyList<Geometry> urbanBoundary,
        IReadOnlyList<NamedRegion> developmentZones,
        DateOnly date,
        int srid,
        int expiringWithinDays = 90)
    {
        var factory = GeometryKit.Factory(srid);
        var all = Union(areas.Select(a => a.Geometry), factory);
        var codes = new AssessmentRegistry(areas, catalogue).ItemCodes;
        var byItem = codes.ToDictionary(c => c, c => Union(areas
            .Where(a => a.Items.Any(i => Same(i.ItemCode, c) && i.Validity.On(date) == ValidityState.Valid))
            .Select(a => a.Geometry), factory), StringComparer.OrdinalIgnoreCase);
        string NameOf(string code) => catalogue.Find(code)?.NameZh
            ?? areas.SelectMany(a => a.Items).FirstOrDefault(i => Same(i.ItemCode, code))?.ItemName ?? code;

        var districtAreas = districts.Select(d => new DistrictArea(d.Code, d.Name, Km2(d.Geometry.Area), Km2(Overlap(d.Geometry, all)),
            codes.Select(c => new ItemArea(c, NameOf(c), Km2(Overlap(d.Geometry, byItem[c])))).ToList())).ToList();

        var boundary = Union(urbanBoundary, factory);
        var zones = developmentZones.Select(z => new RegionShare(z.Code, z.Name, Km2(z.Geometry.Area), Km2(Overlap(z.Geometry, all)))).ToList();
        var zoneUnion = Union(developmentZones.Select(z => z.Geometry), factory);

        var expiring = new List<ExpiringResult>();
        foreach (var area in areas)
        foreach (var item in area.Items)
        {
            if (item.Validity.On(date) != ValidityState.Valid || item.Validity.To is not { } end) continue;
            var days = end.DayNumber - date.DayNumber;
            if (days <= expiringWithinDays) expiring.Add(new ExpiringResult(area, item, end, days));
        }

        return new CoverageStatistics
        {
            Date = date,
            AreaCount = areas.Count,
            AssessedKm2 = Km2(all.Area),
            ByItem = codes.Select(c => new ItemArea(c, NameOf(c), Km2(byItem[c].Area))).ToList(),
            ByDistrict = districtAreas,
            UrbanBoundary = new RegionShare("CZKFBJ", "城镇开发边界", Km2(boundary.Area), Km2(Overlap(boundary, all))),
            DevelopmentZones = new RegionShare("KFQ", "开发区", Km2(zoneUnion.Area), Km2(Overlap(zoneUnion, all))),
            Zones = zones,
            ExpiringWithinDays = expiringWithinDays,
            Expiring = expiring.OrderBy(e => e.ValidTo).ThenBy(e => e.Area.UnitCode, StringComparer.Ordinal).ThenBy(e => e.Item.ItemCode, StringComparer.Ordinal).ToList(),
        };
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static double Km2(double m2) => m2 / SquareMetresPerKm2;

    private static Geometry Union(IEnumerable<Geometry> geometries, GeometryFactory factory)
    {
        var parts = geometries.Where(g => !g.IsEmpty).ToList();
        return parts.Count == 0 ? factory.CreatePolygon() : SafeOverlay.Union(parts, factory);
    }

    private static double Overlap(Geometry region, Geometry covered)
    {
        if (region.IsEmpty || covered.IsEmpty || !region.EnvelopeInternal.Intersects(covered.EnvelopeInternal)) return 0;
        return SafeOverlay.Intersection(region, covered, () => GeometryValidator.Repair(region)).Result?.Area ?? 0;
    }
}
