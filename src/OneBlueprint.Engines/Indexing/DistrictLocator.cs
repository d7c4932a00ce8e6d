using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using OneBlueprint.Engines.Discrepancy;

namespace OneBlueprint.Engines.Indexing;

/// <summary>
/// Which district (行政区, XZQDM / XZQMC) a patch lies in: the district containing the patch's interior point, or —
/// for a patch on a border whose interior point falls outside every district (a gap in the district layer) — the
/// district that shares the most area with it. Null outside all districts. Districts are given in the patches' CRS, as
/// the discrepancy analysis takes them (<see cref="District.FromFeatures"/>), which instead cuts its patches by them.
/// </summary>
public sealed class DistrictLocator
{
    private readonly STRtree<(District District, IPreparedGeometry Prepared)> _tree = new();
    private readonly int _count;

    public DistrictLocator(IEnumerable<District> districts)
    {
        ArgumentNullException.ThrowIfNull(districts);
        foreach (var d in districts)
        {
            if (d.Geometry is null || d.Geometry.IsEmpty) continue;
            _tree.Insert(d.Geometry.EnvelopeInternal, (d, PreparedGeometryFactory.Prepare(d.Geometry)));
            _count++;
        }
        if (_count > 0) _tree.Build();
    }

    public int Count => _count;

    /// <summary>The district of <paramref name="patch"/>, or null.</summary>
    public District? Locate(Geometry patch)
    {
        if (_count == 0 || patch.IsEmpty) return null;
        var point = patch.InteriorPoint;
        var candidates = _tree.Query(patch.EnvelopeInternal);
        foreach (var (district, prepared) in candidates.OrderBy(c => c.District.Code, StringComparer.Ordinal))
            if (prepared.Covers(point)) return district;
        District? best = null;
        var bestArea = 0.0;
        foreach (var (district, _) in candidates.OrderBy(c => c.District.Code, StringComparer.Ordinal))
        {
            double area;
            try
            {
                area = NetTopologySuite.Operation.OverlayNG.OverlayNGRobust.Overlay(patch, district.Geometry,
                    NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection).Area;
            }
            catch (Exception)
            {
                continue;
            }
            if (area > bestArea) (best, bestArea) = (district, area);
        }
        return best;
    }
}
