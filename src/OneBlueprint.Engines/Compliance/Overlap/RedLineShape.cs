using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Compliance.Overlap;

/// <summary>
/// The red line prepared once per check for the kernel: its rings flattened and oriented interior-left, its
/// segments in a sequential <see cref="PackedBoxTree"/> (ascending segment numbers come out of queries), and per ring
/// the doubled signed area and the length. Areas are integrated relative to <see cref="OriginX"/>/<see cref="OriginY"/>,
/// a whole-metre point near the red line: Gauss-Krüger coordinates are ~10⁶ m, and cross products of raw
/// coordinates would lose about six digits.
/// </summary>
internal sealed class RedLineShape
{
    public RedLineShape(Geometry polygonal)
    {
        var polygons = new List<Polygon>();
        for (var i = 0; i < polygonal.NumGeometries; i++)
            if (polygonal.GetGeometryN(i) is Polygon { IsEmpty: false } p) polygons.Add(p);

        var coordinates = 0;
        var ringCount = 0;
        foreach (var p in polygons)
        {
            var (c, r) = FlatRings.Size(p);
            coordinates += c;
            ringCount += r;
        }
        Rings = new FlatRings(coordinates, ringCount);
        RingPolygon = new int[ringCount];
        var coordinate = 0;
        var ring = 0;
        for (var i = 0; i < polygons.Count; i++)
        {
            var firstRing = ring;
            var (area, length) = Rings.Write(polygons[i], ref coordinate, ref ring);
            for (var r = firstRing; r < ring; r++) RingPolygon[r] = i;
            Area += area;
            Length += length;
        }
        X = Rings.X;
        Y = Rings.Y;

        var env = polygonal.EnvelopeInternal;
        MinX = env.IsNull ? 0 : env.MinX;
        MinY = env.IsNull ? 0 : env.MinY;
        MaxX = env.IsNull ? -1 : env.MaxX;
        MaxY = env.IsNull ? -1 : env.MaxY;
        OriginX = env.IsNull ? 0 : Math.Round(env.Centre.X);
        OriginY = env.IsNull ? 0 : Math.Round(env.Centre.Y);

        RingFirstSegment = new int[ringCount + 1];
        var segments = coordinates - ringCount;
        SegmentCoordinate = new int[segments];
        SegmentRing = new int[segments];
        RingTwiceArea = new double[ringCount];
        RingLength = new double[ringCount];
        var boxes = new double[segments * 4];
        var j = 0;
        for (var r = 0; r < ringCount; r++)
        {
            RingFirstSegment[r] = j;
            var twice = 0.0;
            var len = 0.0;
            for (var k = Rings.RingStart[r]; k < Rings.RingStart[r + 1] - 1; k++, j++)
            {
                SegmentCoordinate[j] = k;
                SegmentRing[j] = r;
                double x0 = X[k], y0 = Y[k], x1 = X[k + 1], y1 = Y[k + 1];
                boxes[j * 4] = Math.Min(x0, x1);
                boxes[j * 4 + 1] = Math.Min(y0, y1);
                boxes[j * 4 + 2] = Math.Max(x0, x1);
                boxes[j * 4 + 3] = Math.Max(y0, y1);
                twice += (x0 - OriginX) * (y1 - OriginY) - (x1 - OriginX) * (y0 - OriginY);
                len += Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
            }
            RingTwiceArea[r] = twice;
            RingLength[r] = len;
        }
        RingFirstSegment[ringCount] = j;
        Tree = PackedBoxTree.Sequential(boxes);
    }

    public FlatRings Rings { get; }

    /// <summary>Polygon (parcel) number of each ring; a polygon's shell is its first ring.</summary>
    public int[] RingPolygon { get; }
    public double[] X { get; }
    public double[] Y { get; }
    public int[] SegmentCoordinate { get; }
    public int[] SegmentRing { get; }
    public int[] RingFirstSegment { get; }
    public double[] RingTwiceArea { get; }
    public double[] RingLength { get; }
    public PackedBoxTree Tree { get; }
    public double MinX { get; }
    public double MinY { get; }
    public double MaxX { get; }
    public double MaxY { get; }
    public double OriginX { get; }
    public double OriginY { get; }
    public double Area { get; }
    public double Length { get; }

    public int RingCount => Rings.RingCount;

    /// <summary>Interior, boundary or exterior (<see cref="RingCrossings"/> constants) of a point.</summary>
    public int Locate(double px, double py, KernelWorkspace ws)
    {
        if (px < MinX || px > MaxX || py < MinY || py > MaxY) return RingCrossings.Exterior;
        var n = Tree.Query(px, py, MaxX, py, ref ws.LocateHits);
        var crossings = 0;
        for (var i = 0; i < n; i++)
        {
            var k = SegmentCoordinate[ws.LocateHits[i]];
            if (!RingCrossings.Count(px, py, X[k], Y[k], X[k + 1], Y[k + 1], ref crossings)) return RingCrossings.Boundary;
        }
        return (crossings & 1) == 1 ? RingCrossings.Interior : RingCrossings.Exterior;
    }
}
