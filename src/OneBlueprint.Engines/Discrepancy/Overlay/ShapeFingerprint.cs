using NetTopologySuite.Geometries;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// Finds polygons with exactly the same coordinates, whatever their ring start, ring direction, hole order or part
/// order: a revised plan copies most of its features unchanged, and identical features need no overlay.
/// <see cref="Hash"/> is a sum of per-vertex hashes (order-free); <see cref="Same"/> is the exact test behind it.
/// </summary>
internal static class ShapeFingerprint
{
    public static ulong Hash(Geometry polygonal)
    {
        ulong sum = 0;
        ulong vertices = 0;
        for (var p = 0; p < polygonal.NumGeometries; p++)
        {
            if (polygonal.GetGeometryN(p) is not Polygon polygon || polygon.IsEmpty) continue;
            Add(polygon.ExteriorRing.CoordinateSequence, ref sum, ref vertices);
            foreach (var hole in polygon.InteriorRings) Add(hole.CoordinateSequence, ref sum, ref vertices);
        }
        return Mix(sum ^ Mix(vertices + 0x9E3779B97F4A7C15UL));
    }

    private static void Add(CoordinateSequence ring, ref ulong sum, ref ulong vertices)
    {
        var n = OpenLength(ring);
        for (var i = 0; i < n; i++)
        {
            sum += Mix(Bits(ring.GetX(i)) * 0x9E3779B97F4A7C15UL ^ Mix(Bits(ring.GetY(i)) + 0x632BE59BD9B4E019UL));
            vertices++;
        }
    }

    /// <summary>Same polygons with the same coordinates (exact), up to ring start, direction and the order of holes and parts.</summary>
    public static bool Same(Geometry a, Geometry b)
    {
        var n = a.NumGeometries;
        if (n != b.NumGeometries || !a.EnvelopeInternal.Equals(b.EnvelopeInternal)) return false;
        if (n == 1) return a.GetGeometryN(0) is Polygon pa && b.GetGeometryN(0) is Polygon pb && SamePolygon(pa, pb);
        var used = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (a.GetGeometryN(i) is not Polygon pa) return false;
            var found = false;
            for (var j = 0; j < n && !found; j++)
            {
                if (used[j] || b.GetGeometryN(j) is not Polygon pb || !pa.EnvelopeInternal.Equals(pb.EnvelopeInternal) || !SamePolygon(pa, pb)) continue;
                used[j] = found = true;
            }
            if (!found) return false;
        }
        return true;
    }

    private static bool SamePolygon(Polygon a, Polygon b)
    {
        var holes = a.NumInteriorRings;
        if (holes != b.NumInteriorRings || !SameRing(a.ExteriorRing.CoordinateSequence, b.ExteriorRing.CoordinateSequence)) return false;
        if (holes == 0) return true;
        var used = new bool[holes];
        for (var i = 0; i < holes; i++)
        {
            var found = false;
            for (var j = 0; j < holes && !found; j++)
            {
                if (used[j] || !SameRing(a.GetInteriorRingN(i).CoordinateSequence, b.GetInteriorRingN(j).CoordinateSequence)) continue;
                used[j] = found = true;
            }
            if (!found) return false;
        }
        return true;
    }

    /// <summary>The same cyclic vertex sequence, read forwards or backwards from any start.</summary>
    private static bool SameRing(CoordinateSequence a, CoordinateSequence b)
    {
        var n = OpenLength(a);
        if (n != OpenLength(b)) return false;
        if (n == 0) return true;
        double x0 = a.GetX(0), y0 = a.GetY(0);
        for (var start = 0; start < n; start++)
        {
            if (b.GetX(start) != x0 || b.GetY(start) != y0) continue;
            if (Matches(a, b, n, start, +1) || Matches(a, b, n, start, -1)) return true;
        }
        return false;
    }

    private static bool Matches(CoordinateSequence a, CoordinateSequence b, int n, int start, int step)
    {
        for (var i = 1; i < n; i++)
        {
            var j = ((start + step * i) % n + n) % n;
            if (a.GetX(i) != b.GetX(j) || a.GetY(i) != b.GetY(j)) return false;
        }
        return true;
    }

    /// <summary>Vertices of a ring without the closing repeat of the first.</summary>
    private static int OpenLength(CoordinateSequence ring)
    {
        var n = ring.Count;
        if (n > 1 && ring.GetX(0) == ring.GetX(n - 1) && ring.GetY(0) == ring.GetY(n - 1)) n--;
        return n;
    }

    private static ulong Bits(double v) => v == 0 ? 0UL : (ulong)BitConverter.DoubleToInt64Bits(v); // -0.0 is 0.0

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
