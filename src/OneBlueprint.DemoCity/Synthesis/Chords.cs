using NetTopologySuite.Geometries;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// Splits a polygon into parcels along chords between two of its own vertices. No vertex is added to the outline, so
/// the neighbours of the polygon in a coverage still share edges vertex for vertex with the parcels, and the two parcels
/// on either side of a chord share it exactly. A chord that would leave a parcel invalid or smaller than a quarter of the
/// piece being cut is not taken; a polygon with holes is not split.
/// </summary>
public static class Chords
{
    public static IReadOnlyList<Polygon> Split(Polygon polygon, int parcels, ulong hash)
    {
        var result = new List<Polygon> { polygon };
        for (var cut = 1; cut < parcels; cut++)
        {
            var largest = result.MaxBy(p => p.Area)!;
            var halves = SplitOnce(largest, StableHash.Combine(hash, cut));
            if (halves is null) break;
            var at = result.IndexOf(largest);
            result[at] = halves.Value.A;
            result.Insert(at + 1, halves.Value.B);
        }
        return result;
    }

    private static (Polygon A, Polygon B)? SplitOnce(Polygon polygon, ulong hash)
    {
        if (polygon.NumInteriorRings > 0) return null;
        var ring = polygon.ExteriorRing.Coordinates; // closed: ring[^1] == ring[0]
        var n = ring.Length - 1;
        if (n < 6) return null;
        var factory = polygon.Factory;
        var first = (int)(hash % (ulong)n);
        for (var attempt = 0; attempt < n; attempt++)
        {
            var a = (first + attempt) % n;
            var b = (a + n / 2) % n;
            var one = Part(ring, a, b, factory);
            var two = Part(ring, b, a, factory);
            var least = polygon.Area / 4;
            if (one.Area >= least && two.Area >= least && one.IsValid && two.IsValid
                && Math.Abs(one.Area + two.Area - polygon.Area) <= 1e-9 * polygon.Area)
                return (one, two);
        }
        return null;
    }

    /// <summary>The ring from vertex <paramref name="from"/> forward to vertex <paramref name="to"/>, closed by the chord.</summary>
    private static Polygon Part(Coordinate[] ring, int from, int to, GeometryFactory factory)
    {
        var n = ring.Length - 1;
        var coordinates = new List<Coordinate>();
        for (var k = from; ; k = (k + 1) % n)
        {
            coordinates.Add(ring[k].Copy());
            if (k == to) break;
        }
        coordinates.Add(ring[from].Copy());
        return factory.CreatePolygon(coordinates.ToArray());
    }
}
