using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using OneBlueprint.Engines.Compliance.Overlap;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// Cuts a patch polygon by the districts: the part in each district it meets (districts in their given order; an
/// overlap between two districts goes to the first, so the parts never overlap and add up to the polygon) and the part
/// outside all of them (no district). A polygon inside one district comes back whole. Invalid district geometry is
/// repaired once, with a note. Prepared geometries are per thread (their lazy indexes are not shared).
/// </summary>
internal sealed class DistrictCutter
{
    private readonly District[] _districts;
    private readonly Geometry[] _geometry;
    private readonly Envelope[] _envelope;
    private readonly ThreadLocal<IPreparedGeometry?[]> _prepared;

    public DistrictCutter(IReadOnlyList<District> districts, List<string> notes)
    {
        _districts = districts.ToArray();
        _geometry = new Geometry[_districts.Length];
        _envelope = new Envelope[_districts.Length];
        for (var d = 0; d < _districts.Length; d++)
        {
            var polygonal = ControlLayerIndex.Polygonal(_districts[d].Geometry) ?? _districts[d].Geometry.Factory.CreatePolygon();
            var (working, problem) = WorkingGeometry.Of(polygonal);
            if (problem is not null) notes.Add($"district {_districts[d].Code} is invalid ({problem}); patches were cut by its repaired copy");
            _geometry[d] = working;
            _envelope[d] = working.EnvelopeInternal;
        }
        _prepared = new ThreadLocal<IPreparedGeometry?[]>(() => new IPreparedGeometry?[_districts.Length]);
    }

    /// <summary>The parts of <paramref name="polygon"/> with their district (null outside all), or null when an overlay failed.</summary>
    public List<(Polygon Part, District? District)>? Cut(Polygon polygon)
    {
        var result = new List<(Polygon, District?)>();
        Geometry rest = polygon;
        var env = polygon.EnvelopeInternal;
        var prepared = _prepared.Value!;
        for (var d = 0; d < _districts.Length; d++)
        {
            if (!_envelope[d].Intersects(env)) continue;
            var p = prepared[d] ??= PreparedGeometryFactory.Prepare(_geometry[d]);
            if (ReferenceEquals(rest, polygon) && p.Covers(polygon))
            {
                result.Add((polygon, _districts[d]));
                return result;
            }
            if (!p.Intersects(rest)) continue;
            var inside = SafeOverlay.Intersection(rest, _geometry[d], null);
            var outside = SafeOverlay.Difference(rest, _geometry[d]);
            if (inside.Result is null || outside.Result is null) return null;
            foreach (var part in Polygons(inside.Result)) result.Add((part, _districts[d]));
            rest = outside.Result;
            if (rest.IsEmpty) return result;
            env = rest.EnvelopeInternal;
        }
        foreach (var part in Polygons(rest)) result.Add((part, null));
        return result;
    }

    public static IEnumerable<Polygon> Polygons(Geometry g)
    {
        for (var i = 0; i < g.NumGeometries; i++)
            if (g.GetGeometryN(i) is Polygon { IsEmpty: false } p && p.Area > 0) yield return p;
    }
}
