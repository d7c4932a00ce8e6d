using NetTopologySuite.Geometries;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// The lattice farmland patches are cut from: a square grid of <see cref="CellSize"/> metres turned by
/// <see cref="Rotation"/>, whose corners are jittered and whose edges are bent by 1–4 extra points, all
/// derived from hashes of the lattice indices. A corner or edge shared by two cells is computed the same
/// way from both sides, so the cells tile the plane without overlap; every <see cref="BlockCells"/>-th
/// lattice line is a road, where the cells on either side stand back by half the road width, leaving a gap.
/// Cells have 8–20 vertices.
/// </summary>
public sealed class FarmlandGrid
{
    private const double CornerJitter = 0.15;
    private const double EdgeBend = 0.04;

    private readonly ulong _seed;
    private readonly double _cos, _sin;
    private readonly double _roadHalf;

    public FarmlandGrid(ulong seed, Coordinate origin, double cellSize, double rotation, int blockCells, double roadWidth)
    {
        _seed = seed;
        Origin = origin;
        CellSize = cellSize;
        Rotation = rotation;
        BlockCells = blockCells;
        (_cos, _sin) = (Math.Cos(rotation), Math.Sin(rotation));
        _roadHalf = roadWidth / 2 / cellSize;
    }

    public Coordinate Origin { get; }
    public double CellSize { get; }
    public double Rotation { get; }

    /// <summary>Cells per village block side; block boundaries are roads.</summary>
    public int BlockCells { get; }

    /// <summary>World position of lattice coordinates (u, v), measured in cells.</summary>
    public Coordinate ToWorld(double u, double v) =>
        new(Origin.X + (u * _cos - v * _sin) * CellSize, Origin.Y + (u * _sin + v * _cos) * CellSize);

    /// <summary>Lattice coordinates (in cells) of a world position.</summary>
    public (double U, double V) ToLattice(double x, double y)
    {
        var (dx, dy) = ((x - Origin.X) / CellSize, (y - Origin.Y) / CellSize);
        return (dx * _cos + dy * _sin, -dx * _sin + dy * _cos);
    }

    public bool IsRoad(int line) => FloorMod(line, BlockCells) == 0;

    /// <summary>The cell whose lower-left lattice corner is (i, j), as a closed ring in world coordinates on the 1 mm grid.</summary>
    public Coordinate[] CellRing(int i, int j)
    {
        var pts = new List<(double U, double V)>(24);
        pts.Add(Corner(i, j, i, j));
        AddEdge(pts, i, j, horizontal: true, reverse: false, i, j);
        pts.Add(Corner(i + 1, j, i, j));
        AddEdge(pts, i + 1, j, horizontal: false, reverse: false, i, j);
        pts.Add(Corner(i + 1, j + 1, i, j));
        AddEdge(pts, i, j + 1, horizontal: true, reverse: true, i, j);
        pts.Add(Corner(i, j + 1, i, j));
        AddEdge(pts, i, j, horizontal: false, reverse: true, i, j);
        var ring = new Coordinate[pts.Count + 1];
        for (var k = 0; k < pts.Count; k++)
        {
            var w = ToWorld(pts[k].U, pts[k].V);
            ring[k] = new Coordinate(Base.Millimetre.Round(w.X), Base.Millimetre.Round(w.Y));
        }
        ring[^1] = ring[0].Copy();
        return ring;
    }

    /// <summary>A uniform value in [0, 1) tied to a cell and a purpose (mask, drop, attributes).</summary>
    public double CellUnit(int i, int j, int purpose) => StableHash.Unit(StableHash.Combine(_seed, i, j, 1000 + purpose));

    /// <summary>Lattice corner (i, j) as seen from cell (ci, cj): jittered, and set back from any road through it.</summary>
    private (double U, double V) Corner(int i, int j, int ci, int cj)
    {
        var (u, v) = JitteredCorner(i, j);
        return (u + RoadShift(i, ci), v + RoadShift(j, cj));
    }

    private (double U, double V) JitteredCorner(int i, int j)
    {
        var h = StableHash.Combine(_seed, i, j, 1);
        var ju = (StableHash.Unit(h) - 0.5) * 2 * CornerJitter;
        var jv = (StableHash.Unit(StableHash.Mix(h)) - 0.5) * 2 * CornerJitter;
        return (i + ju, j + jv);
    }

    /// <summary>Cells on the high side of a road line move up by half the road width, cells on the low side down.</summary>
    private double RoadShift(int line, int cellIndex) => IsRoad(line) ? (cellIndex == line ? _roadHalf : -_roadHalf) : 0;

    /// <summary>
    /// The bend points of the lattice edge starting at corner (i, j), running along u (horizontal) or v,
    /// appended in the direction the cell's ring walks it.
    /// </summary>
    private void AddEdge(List<(double U, double V)> pts, int i, int j, bool horizontal, bool reverse, int ci, int cj)
    {
        var h = StableHash.Combine(_seed, i, j, horizontal ? 2 : 3);
        var count = 1 + (int)(h % 4);
        var a = JitteredCorner(i, j);
        var b = horizontal ? JitteredCorner(i + 1, j) : JitteredCorner(i, j + 1);
        // Road set-back across the edge: a horizontal edge lies on v-line j, a vertical one on u-line i.
        var shiftU = horizontal ? 0 : RoadShift(i, ci);
        var shiftV = horizontal ? RoadShift(j, cj) : 0;
        var start = pts.Count;
        for (var m = 0; m < count; m++)
        {
            var hm = StableHash.Combine(h, m);
            var t = (m + 1.0) / (count + 1) + (StableHash.Unit(hm) - 0.5) * 0.5 / (count + 1);
            var bend = (StableHash.Unit(StableHash.Mix(hm)) - 0.5) * 2 * EdgeBend;
            var (u, v) = (a.U + (b.U - a.U) * t, a.V + (b.V - a.V) * t);
            if (horizontal) v += bend; else u += bend;
            pts.Add((u + shiftU, v + shiftV));
        }
        if (reverse) pts.Reverse(start, count);
    }

    private static int FloorMod(int a, int n) => ((a % n) + n) % n;
}
