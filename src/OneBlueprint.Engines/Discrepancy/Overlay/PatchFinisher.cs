using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// Turns a raw patch into its final polygons: split into single polygons, cut by districts, sliver test (area, mean
/// width), then for the polygons kept the ellipsoidal area (reprojected to EPSG:4490, CGCS2000 ellipsoid) and the
/// overlap with each given control layer. Thread-safe; one call per raw patch.
/// </summary>
internal sealed class PatchFinisher(DiscrepancyRequest request, DistrictCutter? districts)
{
    public (List<FinishedPart> Parts, string? Failure) Finish(RawPatch patch)
    {
        var parts = new List<FinishedPart>();
        string? failure = null;
        foreach (var polygon in DistrictCutter.Polygons(patch.Geometry))
        {
            var cut = districts?.Cut(polygon);
            if (districts is not null && cut is null) failure = "cutting it by the districts failed; it was kept whole without a district";
            foreach (var (part, district) in cut ?? [(polygon, null)])
                parts.Add(Measure(part, district));
        }
        return (parts, failure);
    }

    private FinishedPart Measure(Polygon polygon, District? district)
    {
        var area = polygon.Area;
        var perimeter = polygon.Length;
        var rules = request.Slivers;
        var reason = rules.IsTooSmall(area) ? 1 : rules.IsTooNarrow(area, perimeter) ? 2 : 0;
        if (reason != 0) return new FinishedPart(polygon, district, area, perimeter, reason, 0, null, null, null);
        var ellipsoidal = EllipsoidalArea.Of(Reprojector.Transform(polygon, request.Srid, CrsCatalog.Cgcs2000));
        return new FinishedPart(polygon, district, area, perimeter, 0, ellipsoidal,
            Overlap(request.Farmland, polygon), Overlap(request.EcologicalRedline, polygon), Overlap(request.UrbanBoundary, polygon));
    }

    private static double? Overlap(ControlLayerIndex? layer, Polygon polygon) => layer is null ? null : ControlOverlap.Area(layer, polygon);
}
