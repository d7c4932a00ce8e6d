using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace OneBlueprint.DemoCity.Tests;

/// <summary>
/// The tests' own overlap oracle, independent of the generator's indexes: an STRtree of prepared
/// geometries, with overlap measured as the area of the OverlayNG intersection.
/// </summary>
public sealed class LayerIndex
{
    /// <summary>
    /// Overlaps below this (m²) are slivers from putting clipped edges on the 1 mm grid (under 1 mm wide along
    /// edges of a few hundred metres), not real overlaps; the deliberate conflicts overlap by thousands of m².
    /// </summary>
    public const double Tolerance = 1.0;

    private readonly STRtree<(Geometry Shape, IPreparedGeometry Prepared)> _tree = new();

    public LayerIndex(IEnumerable<Geometry> shapes)
    {
        foreach (var s in shapes) _tree.Insert(s.EnvelopeInternal, (s, PreparedGeometryFactory.Prepare(s)));
        _tree.Build();
    }

    public double OverlapArea(Geometry g)
    {
        var total = 0.0;
        foreach (var (shape, prepared) in _tree.Query(g.EnvelopeInternal))
            if (prepared.Intersects(g)) total += shape.Intersection(g).Area;
        return total;
    }

    public bool Overlaps(Geometry g) => OverlapArea(g) > Tolerance;
}
