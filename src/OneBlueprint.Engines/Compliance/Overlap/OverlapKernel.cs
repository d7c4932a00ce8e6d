using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Compliance.Overlap;

/// <summary>
/// Area of piece ∩ red line without building geometry, for valid polygons.
/// <para>
/// Strategy (Green's theorem): area(P ∩ R) = ½ ∮ x dy − y dx along the boundary of P ∩ R, and that boundary is made
/// of the parts of P's rings inside R and the parts of R's rings inside P, both oriented interior-left. So:
/// find every crossing of a piece edge with a red-line segment (robust orientation predicates), walk each ring
/// flipping inside/outside at every crossing, and sum ½·cross(start, end) over the inside stretches. Along a straight
/// edge the stretches need only their parameter lengths: cross(a + t₀d, a + t₁d) = (t₁ − t₀)·cross(a, d).
/// </para>
/// <para>
/// A walk needs a known start: a vertex outside the other polygon's box is outside; a run of red-line segments
/// near the piece starts where the previous segment lies wholly outside the piece's box; only rings that lie
/// entirely inside the other's box need one point-in-polygon test. When no boundary crosses, the answer is one of
/// the three shortcuts the brief asks for — disjoint, piece inside the red line (its stored area) or red line inside
/// the piece (the red line's area) — found without any extra predicate.
/// </para>
/// <para>
/// Degenerate contact — a vertex on the other boundary, collinear overlapping segments — is detected exactly and
/// reported as <see cref="OverlapKind.Degenerate"/>; the caller then uses OverlayNG, which handles it properly.
/// Random red lines almost never hit this; red lines drawn along patch borders do, and cost an overlay there.
/// </para>
/// </summary>
internal static class OverlapKernel
{
    public static PieceOverlap Measure(ControlLayerIndex layer, int piece, RedLineShape red, KernelWorkspace ws)
    {
        var box = layer.PieceBox;
        double pMinX = box[piece * 4], pMinY = box[piece * 4 + 1], pMaxX = box[piece * 4 + 2], pMaxY = box[piece * 4 + 3];
        var rings = layer.Rings;
        var xs = rings.X;
        var ys = rings.Y;
        var ringStart = rings.RingStart;
        int ringFrom = layer.PieceRingStart[piece], ringTo = layer.PieceRingStart[piece + 1];
        if (ringFrom == ringTo) return PieceOverlap.Disjoint;

        // No red-line segment near the piece: the boundaries cannot meet, one test decides.
        if (!red.Tree.Any(pMinX, pMinY, pMaxX, pMaxY))
        {
            var k0 = ringStart[ringFrom];
            return red.Locate(xs[k0], ys[k0], ws) == RingCrossings.Interior
                ? new PieceOverlap(OverlapKind.PieceInside, layer.PieceArea[piece], layer.PieceBoundaryLength[piece], 0)
                : PieceOverlap.Disjoint;
        }

        double ox = red.OriginX, oy = red.OriginY;
        double rMinX = red.MinX, rMinY = red.MinY, rMaxX = red.MaxX, rMaxY = red.MaxY;
        var cut = layer.EdgeIsCut;
        ws.CrossingCount = 0;
        double pieceTwice = 0, pieceInside = 0;
        var pieceRingsInside = 0;

        // 1. The piece's rings: stretches inside the red line.
        for (var r = ringFrom; r < ringTo; r++)
        {
            int s = ringStart[r], e = ringStart[r + 1] - 1, edges = e - s;
            var start = -1;
            for (var k = s; k < e; k++)
            {
                if (xs[k] < rMinX || xs[k] > rMaxX || ys[k] < rMinY || ys[k] > rMaxY)
                {
                    start = k;
                    break;
                }
            }
            bool inside;
            if (start >= 0) inside = false;
            else
            {
                start = s;
                var location = red.Locate(xs[s], ys[s], ws);
                if (location == RingCrossings.Boundary) return PieceOverlap.Degenerate;
                inside = location == RingCrossings.Interior;
            }
            var startedInside = inside;
            var crossed = false;
            for (var i = 0; i < edges; i++)
            {
                var k = start + i;
                if (k >= e) k -= edges;
                double ax = xs[k], ay = ys[k], bx = xs[k + 1], by = ys[k + 1];
                double eMinX = Math.Min(ax, bx), eMaxX = Math.Max(ax, bx), eMinY = Math.Min(ay, by), eMaxY = Math.Max(ay, by);
                if (eMinX > rMaxX || eMaxX < rMinX || eMinY > rMaxY || eMaxY < rMinY) continue; // wholly outside

                var hits = red.Tree.Query(eMinX, eMinY, eMaxX, eMaxY, ref ws.EdgeHits);
                var tCount = 0;
                for (var h = 0; h < hits; h++)
                {
                    var j = ws.EdgeHits[h];
                    var kc = red.SegmentCoordinate[j];
                    double cx = red.X[kc], cy = red.Y[kc], dx = red.X[kc + 1], dy = red.Y[kc + 1];
                    var o1 = CGAlgorithmsDD.OrientationIndex(ax, ay, bx, by, cx, cy);
                    var o2 = CGAlgorithmsDD.OrientationIndex(ax, ay, bx, by, dx, dy);
                    if (o1 == o2 && o1 != 0) continue;
                    var o3 = CGAlgorithmsDD.OrientationIndex(cx, cy, dx, dy, ax, ay);
                    var o4 = CGAlgorithmsDD.OrientationIndex(cx, cy, dx, dy, bx, by);
                    if (o3 == o4 && o3 != 0) continue;
                    if (o1 == 0 || o2 == 0 || o3 == 0 || o4 == 0) return PieceOverlap.Degenerate;

                    var (t, u) = CrossingParameters(ax, ay, bx, by, cx, cy, dx, dy);
                    if (tCount == ws.Params.Length) Array.Resize(ref ws.Params, tCount * 2);
                    ws.Params[tCount++] = t;
                    ws.AddCrossing(j, u);
                }

                var cross = (ax - ox) * (by - oy) - (bx - ox) * (ay - oy);
                if (tCount == 0)
                {
                    if (!inside) continue;
                    pieceTwice += cross;
                    if (!cut[k]) pieceInside += Math.Sqrt(SquaredGap(ax, bx) + SquaredGap(ay, by));
                    continue;
                }
                crossed = true;
                var insideLength = InsideFraction(ws.Params, tCount, ref inside);
                pieceTwice += cross * insideLength;
                if (!cut[k]) pieceInside += insideLength * Math.Sqrt(SquaredGap(ax, bx) + SquaredGap(ay, by));
            }
            if (!crossed && startedInside) pieceRingsInside++;
        }

        // 2. The red line's rings: stretches inside the piece, using the crossings found above.
        if (ws.CrossingCount > 1) SortCrossings(ws.Crossings, ws.CrossingCount);
        var hitCount = red.Tree.Query(pMinX, pMinY, pMaxX, pMaxY, ref ws.RedLineHits);
        var redHits = ws.RedLineHits;
        double redTwice = 0, redInside = 0;
        var redRingsInside = 0;
        var g = 0;
        while (g < hitCount)
        {
            var ring = red.SegmentRing[redHits[g]];
            var gEnd = g + 1;
            while (gEnd < hitCount && red.SegmentRing[redHits[gEnd]] == ring) gEnd++;
            int first = red.RingFirstSegment[ring], count = red.RingFirstSegment[ring + 1] - first;
            if (gEnd - g == count)
            {
                // The whole ring is near the piece: locate its first vertex.
                var k0 = red.SegmentCoordinate[first];
                var location = LocateInPiece(layer, piece, red.X[k0], red.Y[k0]);
                if (location == RingCrossings.Boundary) return PieceOverlap.Degenerate;
                var inside = location == RingCrossings.Interior;
                if (ws.CrossingCount == 0)
                {
                    if (inside)
                    {
                        redTwice += red.RingTwiceArea[ring];
                        redInside += red.RingLength[ring];
                        redRingsInside++;
                    }
                }
                else
                {
                    for (var j = first; j < first + count; j++)
                        AddRedSegment(red, j, ws, ref inside, ref redTwice, ref redInside);
                }
            }
            else if (ws.CrossingCount > 0)
            {
                // Runs of consecutive segments; each run starts at a vertex outside the piece's box. Start the cyclic
                // walk at a run start so the inside flag is always defined.
                var m = gEnd - g;
                var startAt = 0;
                for (var i = 0; i < m; i++)
                {
                    if (!Follows(redHits, g, m, i, first, count))
                    {
                        startAt = i;
                        break;
                    }
                }
                var inside = false;
                for (var step = 0; step < m; step++)
                {
                    var i = (startAt + step) % m;
                    if (!Follows(redHits, g, m, i, first, count)) inside = false;
                    AddRedSegment(red, redHits[g + i], ws, ref inside, ref redTwice, ref redInside);
                }
            }
            // (A ring only partly near the piece, with no crossing at all, stays outside: nothing to add.)
            g = gEnd;
        }

        if (ws.CrossingCount == 0)
        {
            var pieceRings = ringTo - ringFrom;
            if (pieceRingsInside == 0 && redRingsInside == 0) return PieceOverlap.Disjoint;
            if (pieceRingsInside == pieceRings && redRingsInside == 0)
                return new PieceOverlap(OverlapKind.PieceInside, layer.PieceArea[piece], layer.PieceBoundaryLength[piece], 0);
            if (redRingsInside == red.RingCount && pieceRingsInside == 0)
                return new PieceOverlap(OverlapKind.RedLineInside, red.Area, 0, red.Length);
        }
        return new PieceOverlap(OverlapKind.Partial, Math.Max(0, (pieceTwice + redTwice) / 2), pieceInside, redInside);
    }

    private static double SquaredGap(double a, double b) => (b - a) * (b - a);

    /// <summary>
    /// Where a proper crossing lies along the piece edge (t) and the red-line segment (u). Both stretches that meet
    /// at the crossing are integrated up to "the" crossing point, so t and u must name the same point, or the area
    /// gains the sliver between two versions of it. For well-separated directions the two ratios do; for nearly
    /// parallel segments (shared borders after rounding) each ratio alone is ill-conditioned and they may name
    /// points far apart along the common line, so the point is computed once in double-double (NTS) and projected
    /// onto both segments.
    /// </summary>
    private static (double T, double U) CrossingParameters(double ax, double ay, double bx, double by, double cx, double cy, double dx, double dy)
    {
        double rx = bx - ax, ry = by - ay, sx = dx - cx, sy = dy - cy, qx = cx - ax, qy = cy - ay;
        var denominator = rx * sy - ry * sx;
        if (Math.Abs(denominator) > 1e-3 * (Math.Abs(rx * sy) + Math.Abs(ry * sx)))
            return (Math.Clamp((qx * sy - qy * sx) / denominator, 0.0, 1.0), Math.Clamp((qx * ry - qy * rx) / denominator, 0.0, 1.0));

        var p = CGAlgorithmsDD.Intersection(new Coordinate(ax, ay), new Coordinate(bx, by), new Coordinate(cx, cy), new Coordinate(dx, dy));
        if (p is null || !double.IsFinite(p.X) || !double.IsFinite(p.Y))
            return (0.5, 0.5); // cannot happen for a proper crossing; any common parameter keeps the sums closed
        var t = ((p.X - ax) * rx + (p.Y - ay) * ry) / (rx * rx + ry * ry);
        var u = ((p.X - cx) * sx + (p.Y - cy) * sy) / (sx * sx + sy * sy);
        return (Math.Clamp(t, 0.0, 1.0), Math.Clamp(u, 0.0, 1.0));
    }

    /// <summary>Whether hit i's segment directly follows the previous hit's segment along the ring (cyclically).</summary>
    private static bool Follows(int[] hits, int g, int m, int i, int first, int count)
    {
        var j = hits[g + i];
        var previous = j == first ? first + count - 1 : j - 1;
        var before = hits[g + (i == 0 ? m - 1 : i - 1)];
        return before == previous && m > 1 || m == 1 && count == 1;
    }

    /// <summary>Adds red-line segment j's inside stretches, flipping <paramref name="inside"/> at its crossings.</summary>
    private static void AddRedSegment(RedLineShape red, int j, KernelWorkspace ws, ref bool inside, ref double twice, ref double length)
    {
        var k = red.SegmentCoordinate[j];
        double cx = red.X[k], cy = red.Y[k], dx = red.X[k + 1], dy = red.Y[k + 1];
        var cross = (cx - red.OriginX) * (dy - red.OriginY) - (dx - red.OriginX) * (cy - red.OriginY);
        var at = FirstCrossing(ws.Crossings, ws.CrossingCount, j);
        if (at < 0)
        {
            if (!inside) return;
            twice += cross;
            length += Math.Sqrt(SquaredGap(cx, dx) + SquaredGap(cy, dy));
            return;
        }
        var end = at;
        while (end < ws.CrossingCount && ws.Crossings[end].Segment == j) end++;
        var n = end - at;
        if (n > ws.Params.Length) Array.Resize(ref ws.Params, n * 2);
        for (var i = 0; i < n; i++) ws.Params[i] = ws.Crossings[at + i].U;
        var fraction = InsideFraction(ws.Params, n, ref inside, sorted: true);
        twice += cross * fraction;
        length += fraction * Math.Sqrt(SquaredGap(cx, dx) + SquaredGap(cy, dy));
    }

    /// <summary>
    /// The part of an edge [0, 1] that lies inside, given the parameters of its crossings and whether it starts
    /// inside; <paramref name="inside"/> is left as it is at the edge's end.
    /// </summary>
    private static double InsideFraction(double[] ts, int n, ref bool inside, bool sorted = false)
    {
        if (!sorted && n > 1) InsertionSort(ts, n);
        var fraction = 0.0;
        var previous = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (inside) fraction += ts[i] - previous;
            inside = !inside;
            previous = ts[i];
        }
        if (inside) fraction += 1 - previous;
        return fraction;
    }

    private static void InsertionSort(double[] a, int n)
    {
        for (var i = 1; i < n; i++)
        {
            var v = a[i];
            var j = i - 1;
            while (j >= 0 && a[j] > v)
            {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void SortCrossings(KernelWorkspace.Crossing[] crossings, int n)
    {
        if (n <= 24)
        {
            for (var i = 1; i < n; i++)
            {
                var v = crossings[i];
                var j = i - 1;
                while (j >= 0 && Compare(crossings[j], v) > 0)
                {
                    crossings[j + 1] = crossings[j];
                    j--;
                }
                crossings[j + 1] = v;
            }
            return;
        }
        crossings.AsSpan(0, n).Sort(static (a, b) => Compare(a, b));
    }

    private static int Compare(KernelWorkspace.Crossing a, KernelWorkspace.Crossing b) =>
        a.Segment != b.Segment ? a.Segment.CompareTo(b.Segment) : a.U.CompareTo(b.U);

    /// <summary>Index of the first crossing on segment j in the sorted crossings, or −1.</summary>
    private static int FirstCrossing(KernelWorkspace.Crossing[] crossings, int n, int j)
    {
        int lo = 0, hi = n;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (crossings[mid].Segment < j) lo = mid + 1;
            else hi = mid;
        }
        return lo < n && crossings[lo].Segment == j ? lo : -1;
    }

    /// <summary>Point in the piece by brute force over its edges (pieces are small: that is what subdivision is for).</summary>
    private static int LocateInPiece(ControlLayerIndex layer, int piece, double px, double py)
    {
        var box = layer.PieceBox;
        if (px < box[piece * 4] || px > box[piece * 4 + 2] || py < box[piece * 4 + 1] || py > box[piece * 4 + 3])
            return RingCrossings.Exterior;
        var rings = layer.Rings;
        var xs = rings.X;
        var ys = rings.Y;
        var crossings = 0;
        for (var r = layer.PieceRingStart[piece]; r < layer.PieceRingStart[piece + 1]; r++)
        {
            for (var k = rings.RingStart[r]; k < rings.RingStart[r + 1] - 1; k++)
                if (!RingCrossings.Count(px, py, xs[k], ys[k], xs[k + 1], ys[k + 1], ref crossings)) return RingCrossings.Boundary;
        }
        return (crossings & 1) == 1 ? RingCrossings.Interior : RingCrossings.Exterior;
    }
}
