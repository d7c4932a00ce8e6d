using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace OneBlueprint.DemoCity.Base;

/// <summary>
/// Answers "which district is this point in" for attribute filling (XZQDM of a farmland patch, a redline).
/// Points on no district (in a gap between DataV neighbours) get the nearest district by centroid.
/// Thread-safe after construction.
/// </summary>
public sealed class DistrictLocator
{
    private readonly STRtree<int> _index = new();
    private readonly List<(string Code, string Name, Geometry Area, IndexedPointInAreaLocator Locator, Coordinate Centroid)> _districts = new();

    public DistrictLocator(IEnumerable<(string Code, string Name, Geometry Area)> districts)
    {
        foreach (var (code, name, area) in districts)
        {
            _index.Insert(area.EnvelopeInternal, _districts.Count);
            _districts.Add((code, name, area, new IndexedPointInAreaLocator(area), area.Centroid.Coordinate));
        }
        _index.Build();
        // Build the locators' indexes now: IndexedPointInAreaLocator builds lazily, which is not thread-safe.
        foreach (var d in _districts) d.Locator.Locate(d.Centroid);
    }

    public (string Code, string Name) Locate(Coordinate c)
    {
        foreach (var i in _index.Query(new Envelope(c)))
            if (_districts[i].Locator.Locate(c) != Location.Exterior)
                return (_districts[i].Code, _districts[i].Name);
        var nearest = _districts.MinBy(d => d.Centroid.Distance(c));
        return (nearest.Code, nearest.Name);
    }

    public IEnumerable<(string Code, string Name, Geometry Area)> Districts => _districts.Select(d => (d.Code, d.Name, d.Area));
}
