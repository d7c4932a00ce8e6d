using NetTopologySuite.Geometries;

namespace OneBlueprint.Engines.Indexing;

/// <summary>
/// Polygon rings flattened into coordinate arrays for the allocation-free overlap kernel. Ring <c>r</c> occupies
/// coordinates <c>[RingStart[r], RingStart[r + 1])</c>, is closed (its last coordinate repeats its first) and is
/// oriented so the polygon's interior lies on its left: shells counter-clockwise, holes clockwise. With that
/// orientation the rings of any set of valid polygons bound their union's interior consistently, which is what the
/// kernel's boundary integrals need.
/// </summary>
internal sealed class FlatRings
{
    public FlatRings(int coordinateCount, int ringCount)
    {
        X = new double[coordinateCount];
        Y = new double[coordinateCount];
        RingStart = new int[ringCount + 1];
    }

    public double[] X { get; }
    public double[] Y { get; }
    public int[] RingStart { get; }

    public int RingCount => RingStart.Length - 1;

    /// <summary>Coordinates and rings a polygon needs (empty rings are skipped).</summary>
    public static (int Coordinates, int Rings) Size(Polygon polygon)
    {
        if (polygon.IsEmpty) return (0, 0);
        var coordinates = polygon.ExteriorRing.NumPoints;
        var rings = 1;
        foreach (var hole in polygon.InteriorRings)
        {
            if (hole.IsEmpty) continue;
            coordinates += hole.NumPoints;
            rings++;
        }
        return (coordinates, rings);
    }

    /// <summary>
    /// Writes the polygon's rings at <paramref name="coordinate"/>/<paramref name="ring"/> (both advanced) and returns
    /// its area (shoelace per ring, relative to the ring's first vertex for precision) and boundary length.
    /// </summary>
    public (double Area, double Length) Write(Polygon polygon, ref int coordinate, ref int ring)
    {
        if (polygon.IsEmpty) return (0, 0);
        var area = 0.0;
        var length = 0.0;
        var (a, l) = WriteRing(polygon.ExteriorRing.CoordinateSequence, counterClockwise: true, ref coordinate, ref ring);
        area += a;
        length += l;
        foreach (var hole in polygon.InteriorRings)
        {
            if (hole.IsEmpty) continue;
            (a, l) = WriteRing(hole.CoordinateSequence, counterClockwise: false, ref coordinate, ref ring);
            area -= a;
            length += l;
        }
        return (area, length);
    }

    private (double Area, double Length) WriteRing(CoordinateSequence sequence, bool counterClockwise, ref int coordinate, ref int ring)
    {
        var n = sequence.Count;
        var signed = SignedArea(sequence);
        var reverse = signed > 0 != counterClockwise;
        RingStart[ring] = coordinate;
        for (var i = 0; i < n; i++)
        {
            var k = reverse ? n - 1 - i : i;
            X[coordinate + i] = sequence.GetX(k);
            Y[coordinate + i] = sequence.GetY(k);
        }
        var length = 0.0;
        for (var i = coordinate; i < coordinate + n - 1; i++)
            length += Math.Sqrt(Sq(X[i + 1] - X[i]) + Sq(Y[i + 1] - Y[i]));
        coordinate += n;
        ring++;
        RingStart[ring] = coordinate;
        return (Math.Abs(signed), length);
    }

    /// <summary>Shoelace area, positive for counter-clockwise rings, relative to the first vertex.</summary>
    public static double SignedArea(CoordinateSequence ring)
    {
        var n = ring.Count;
        if (n < 3) return 0;
        var x0 = ring.GetX(0);
        var y0 = ring.GetY(0);
        var sum = 0.0;
        var px = 0.0;
        var py = 0.0;
        for (var i = 1; i < n; i++)
        {
            var x = ring.GetX(i) - x0;
            var y = ring.GetY(i) - y0;
            sum += px * y - x * py;
            px = x;
            py = y;
        }
        return sum / 2;
    }

    private static double Sq(double v) => v * v;
}
