using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Compliance.Overlap;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// Area of P ∩ Q for two valid polygonal geometries without building geometry — including the case plan revisions are
/// made of, where the two share edges exactly (a split part inside its original, a feature inside a merged one,
/// neighbours that only touch), which is where a crossing-only kernel has to give up.
/// <para>
/// Green's theorem: area(P ∩ Q) = ½ ∮ x dy − y dx along ∂(P ∩ Q) oriented interior-left. That boundary is made of the
/// stretches of ∂P inside Q, the stretches of ∂Q inside P, and the stretches where ∂P and ∂Q coincide running the same
/// way (both interiors on the same side: counted once, from P's pass); where they coincide running opposite ways the
/// interiors lie on opposite sides and nothing is counted. So each edge is cut at every point where the other boundary
/// meets it — proper crossings, vertices touching it, ends of collinear overlaps, all found with exact orientation
/// predicates — and each stretch between cuts is either collinear with an edge of the other (its direction decides) or
/// lies wholly inside or outside the other, which one point-in-polygon test of its midpoint tells.
/// </para>
/// <para>
/// Rounding can only mislead that test when the midpoint lies within rounding distance of the other boundary without
/// touching it, so a stretch whose midpoint is closer than <see cref="Clearance"/> to it makes the method answer NaN, and
/// the caller uses OverlayNG; so does a result outside [0, min(area P, area Q)] and a pair too large for the
/// all-pairs edge test (<see cref="MaxEdgePairs"/>).
/// </para>
/// </summary>
internal static class PairArea
{
    /// <summary>Metres (the working CRS is metric): far above the ~1e-9 m rounding of a midpoint at Gauss-Krüger coordinates.</summary>
    public const double Clearance = 1e-6;

    /// <summary>Above this many edge pairs, OverlayNG's indexed noding is the better tool.</summary>
    public const long MaxEdgePairs = 40_000;

    public sealed class Scratch
    {
        public double[] Cuts = new double[16];
        public double[] Intervals = new double[24]; // lo, hi, same (1/0) per collinear overlap
    }

    [ThreadStatic] private static Scratch? _scratch;

    public static Scratch ForCurrentThread => _scratch ??= new Scratch();

    /// <summary>Area of geometry <paramref name="kp"/> of <paramref name="p"/> ∩ geometry <paramref name="kq"/> of <paramref name="q"/>, or NaN (use an overlay).</summary>
    public static double Of(PlanRings p, int kp, PlanRings q, int kq)
    {
        if (!p.HasRings(kp) || !q.HasRings(kq) || (long)p.Vertices[kp] * q.Vertices[kq] > MaxEdgePairs) return double.NaN;
        var s = ForCurrentThread;
        var origin = p.Rings.RingStart[p.RingFrom[kp]];
        double ox = p.Rings.X[origin], oy = p.Rings.Y[origin];
        var twice = 0.0;
        if (!Pass(p, kp, q, kq, countSame: true, ox, oy, s, ref twice)) return double.NaN;
        if (!Pass(q, kq, p, kp, countSame: false, ox, oy, s, ref twice)) return double.NaN;
        var area = twice / 2;
        var limit = Math.Min(p.Area[kp], q.Area[kq]);
        var slack = 1e-9 * limit + 1e-9;
        if (area < -slack || area > limit + slack) return double.NaN;
        return Math.Clamp(area, 0, limit);
    }

    /// <summary>Adds (twice) the area swept by the stretches of ∂A that bound A ∩ B; false when a midpoint is too close to call.</summary>
    private static bool Pass(PlanRings a, int ka, PlanRings b, int kb, bool countSame, double ox, double oy, Scratch s, ref double twice)
    {
        var ar = a.Rings;
        var br = b.Rings;
        double bMinX = b.Box[kb * 4], bMinY = b.Box[kb * 4 + 1], bMaxX = b.Box[kb * 4 + 2], bMaxY = b.Box[kb * 4 + 3];
        int bRingFrom = b.RingFrom[kb], bRingTo = b.RingFrom[kb + 1];
        for (var r = a.RingFrom[ka]; r < a.RingFrom[ka + 1]; r++)
        {
            for (var k = ar.RingStart[r]; k < ar.RingStart[r + 1] - 1; k++)
            {
                double ax = ar.X[k], ay = ar.Y[k], bx = ar.X[k + 1], by = ar.Y[k + 1];
                double eMinX = Math.Min(ax, bx), eMaxX = Math.Max(ax, bx), eMinY = Math.Min(ay, by), eMaxY = Math.Max(ay, by);
                if (eMaxX < bMinX || eMinX > bMaxX || eMaxY < bMinY || eMinY > bMaxY) continue; // outside B's box: outside B
                double ex = bx - ax, ey = by - ay;
                var length2 = ex * ex + ey * ey;
                if (length2 == 0) continue;
                var cuts = 0;
                var intervals = 0;
                for (var rb = bRingFrom; rb < bRingTo; rb++)
                for (var j = br.RingStart[rb]; j < br.RingStart[rb + 1] - 1; j++)
                {
                    double cx = br.X[j], cy = br.Y[j], dx = br.X[j + 1], dy = br.Y[j + 1];
                    if (Math.Max(cx, dx) < eMinX || Math.Min(cx, dx) > eMaxX || Math.Max(cy, dy) < eMinY || Math.Min(cy, dy) > eMaxY) continue;
                    var o1 = CGAlgorithmsDD.OrientationIndex(ax, ay, bx, by, cx, cy);
                    var o2 = CGAlgorithmsDD.OrientationIndex(ax, ay, bx, by, dx, dy);
                    if (o1 == o2 && o1 != 0) continue;
                    var o3 = CGAlgorithmsDD.OrientationIndex(cx, cy, dx, dy, ax, ay);
                    var o4 = CGAlgorithmsDD.OrientationIndex(cx, cy, dx, dy, bx, by);
                    if (o3 == o4 && o3 != 0) continue;
                    if (o1 == 0 && o2 == 0)
                    {
                        // Collinear: the overlap of the two along this edge, if any, and which way the other runs.
                        var tc = ((cx - ax) * ex + (cy - ay) * ey) / length2;
                        var td = ((dx - ax) * ex + (dy - ay) * ey) / length2;
                        var lo = Math.Max(0, Math.Min(tc, td));
                        var hi = Math.Min(1, Math.Max(tc, td));
                        if (hi < lo) continue;
                        AddCut(s, ref cuts, lo);
                        if (hi > lo)
                        {
                            AddCut(s, ref cuts, hi);
                            if (intervals * 3 + 3 > s.Intervals.Length) Array.Resize(ref s.Intervals, s.Intervals.Length * 2);
                            s.Intervals[intervals * 3] = lo;
                            s.Intervals[intervals * 3 + 1] = hi;
                            s.Intervals[intervals * 3 + 2] = tc < td ? 1 : 0;
                            intervals++;
                        }
                        continue;
                    }
                    double t;
                    if (o1 == 0) t = ((cx - ax) * ex + (cy - ay) * ey) / length2;
                    else if (o2 == 0) t = ((dx - ax) * ex + (dy - ay) * ey) / length2;
                    else if (o3 == 0) t = 0;
                    else if (o4 == 0) t = 1;
                    else t = Crossing(ax, ay, bx, by, cx, cy, dx, dy);
                    AddCut(s, ref cuts, Math.Clamp(t, 0, 1));
                }

                var cross = (ax - ox) * ey - (ay - oy) * ex;
                if (cuts > 1) Array.Sort(s.Cuts, 0, cuts);
                var previous = 0.0;
                for (var c = 0; c <= cuts; c++)
                {
                    var t1 = c < cuts ? s.Cuts[c] : 1.0;
                    if (t1 <= previous) continue;
                    var t0 = previous;
                    previous = t1;
                    var along = Collinear(s, intervals, t0, t1);
                    if (along > 0)
                    {
                        if (along == 2 && countSame) twice += (t1 - t0) * cross;
                        continue;
                    }
                    var tm = (t0 + t1) / 2;
                    double mx = ax + tm * ex, my = ay + tm * ey;
                    if (mx < bMinX || mx > bMaxX || my < bMinY || my > bMaxY) continue;
                    var location = Locate(br, bRingFrom, bRingTo, mx, my);
                    if (location == RingCrossings.Boundary) return false;
                    if (location == RingCrossings.Interior) twice += (t1 - t0) * cross;
                }
            }
        }
        return true;
    }

    private static void AddCut(Scratch s, ref int cuts, double t)
    {
        if (cuts == s.Cuts.Length) Array.Resize(ref s.Cuts, cuts * 2);
        s.Cuts[cuts++] = t;
    }

    /// <summary>0: the stretch [t0, t1] is not along an edge of the other; 1: along one running the other way; 2: the same way.</summary>
    private static int Collinear(Scratch s, int intervals, double t0, double t1)
    {
        var result = 0;
        for (var i = 0; i < intervals; i++)
        {
            if (s.Intervals[i * 3] <= t0 && t1 <= s.Intervals[i * 3 + 1])
            {
                if (s.Intervals[i * 3 + 2] == 1) return 2;
                result = 1;
            }
        }
        return result;
    }

    /// <summary>
    /// Interior, exterior, or <see cref="RingCrossings.Boundary"/> when the point lies on the rings or within
    /// <see cref="Clearance"/> of them (too close for a rounded midpoint to be trusted).
    /// </summary>
    private static int Locate(Indexing.FlatRings rings, int ringFrom, int ringTo, double px, double py)
    {
        var crossings = 0;
        var clearance2 = Clearance * Clearance;
        for (var r = ringFrom; r < ringTo; r++)
        for (var j = rings.RingStart[r]; j < rings.RingStart[r + 1] - 1; j++)
        {
            double x1 = rings.X[j], y1 = rings.Y[j], x2 = rings.X[j + 1], y2 = rings.Y[j + 1];
            if (SquaredDistance(px, py, x1, y1, x2, y2) < clearance2) return RingCrossings.Boundary;
            if (!RingCrossings.Count(px, py, x1, y1, x2, y2, ref crossings)) return RingCrossings.Boundary;
        }
        return (crossings & 1) == 1 ? RingCrossings.Interior : RingCrossings.Exterior;
    }

    private static double SquaredDistance(double px, double py, double x1, double y1, double x2, double y2)
    {
        double dx = x2 - x1, dy = y2 - y1;
        var length2 = dx * dx + dy * dy;
        var t = length2 == 0 ? 0 : Math.Clamp(((px - x1) * dx + (py - y1) * dy) / length2, 0, 1);
        double qx = x1 + t * dx - px, qy = y1 + t * dy - py;
        return qx * qx + qy * qy;
    }

    /// <summary>
    /// Where a proper crossing lies along the first segment. Nearly parallel segments make the plain ratio ill-conditioned,
    /// so there the point is computed in double-double (NTS) and projected — the two passes then cut at the same point
    /// to rounding (the compliance kernel's rule, <c>OverlapKernel.CrossingParameters</c>).
    /// </summary>
    private static double Crossing(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy)
    {
        double rx = bx - ax, ry = by - ay, sx = dx - cx, sy = dy - cy, qx = cx - ax, qy = cy - ay;
        var denominator = rx * sy - ry * sx;
        if (Math.Abs(denominator) > 1e-3 * (Math.Abs(rx * sy) + Math.Abs(ry * sx)))
            return (qx * sy - qy * sx) / denominator;
        var p = CGAlgorithmsDD.Intersection(new Coordinate(ax, ay), new Coordinate(bx, by), new Coordinate(cx, cy), new Coordinate(dx, dy));
        if (p is null || !double.IsFinite(p.X) || !double.IsFinite(p.Y)) return 0.5;
        return ((p.X - ax) * rx + (p.Y - ay) * ry) / (rx * rx + ry * ry);
    }
}
