using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// The ground already taken while placing synthetic sites (parks, heritage areas, substations, project
/// parcels): a new site is accepted only where it meets nothing placed before. Small (hundreds of
/// shapes), so a linear scan with envelope pre-checks is enough.
/// </summary>
public sealed class Occupancy
{
    private readonly List<(Envelope Envelope, IPreparedGeometry Shape)> _taken = new();

    public void Add(Geometry shape) => _taken.Add((shape.EnvelopeInternal, PreparedGeometryFactory.Prepare(shape)));

    public void AddRange(IEnumerable<Geometry> shapes)
    {
        foreach (var s in shapes) Add(s);
    }

    /// <summary>True when <paramref name="shape"/>, widened by <paramref name="clearance"/>, meets nothing taken.</summary>
    public bool IsFree(Geometry shape, double clearance = 0)
    {
        var probe = clearance > 0 ? shape.Buffer(clearance, 4) : shape;
        var env = probe.EnvelopeInternal;
        foreach (var (e, taken) in _taken)
            if (e.Intersects(env) && taken.Intersects(probe))
                return false;
        return true;
    }
}
