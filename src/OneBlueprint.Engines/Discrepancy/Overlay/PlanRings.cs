using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// The rings of a list of valid polygonal geometries in flat arrays (<see cref="FlatRings"/>: closed, interior on the
/// left — shells counter-clockwise, holes clockwise), with each geometry's ring range, box and area, for
/// <see cref="PairArea"/>. A geometry that is null (not valid, so not for the exact path) has no rings.
/// </summary>
internal sealed class PlanRings
{
    public PlanRings(IReadOnlyList<Geometry?> geometries)
    {
        var count = geometries.Count;
        RingFrom = new int[count + 1];
        Box = new double[count * 4];
        Area = new double[count];
        Vertices = new int[count];
        var coordinates = 0;
        var rings = 0;
        for (var k = 0; k < count; k++)
        {
            RingFrom[k] = rings;
            if (geometries[k] is not { } g) continue;
            for (var p = 0; p < g.NumGeometries; p++)
            {
                if (g.GetGeometryN(p) is not Polygon polygon) continue;
                var (c, r) = FlatRings.Size(polygon);
                coordinates += c;
                rings += r;
                Vertices[k] += c;
            }
        }
        RingFrom[count] = rings;
        Rings = new FlatRings(coordinates, rings);
        var coordinate = 0;
        var ring = 0;
        for (var k = 0; k < count; k++)
        {
            if (geometries[k] is not { } g) continue;
            for (var p = 0; p < g.NumGeometries; p++)
                if (g.GetGeometryN(p) is Polygon polygon) Area[k] += Rings.Write(polygon, ref coordinate, ref ring).Area;
            var env = g.EnvelopeInternal;
            Box[k * 4] = env.MinX;
            Box[k * 4 + 1] = env.MinY;
            Box[k * 4 + 2] = env.MaxX;
            Box[k * 4 + 3] = env.MaxY;
        }
    }

    public FlatRings Rings { get; }

    /// <summary>Rings of geometry k: [RingFrom[k], RingFrom[k + 1]).</summary>
    public int[] RingFrom { get; }

    public double[] Box { get; }
    public double[] Area { get; }
    public int[] Vertices { get; }

    public bool HasRings(int k) => RingFrom[k + 1] > RingFrom[k];
}
