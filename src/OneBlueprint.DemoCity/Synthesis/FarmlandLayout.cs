using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using OneBlueprint.DemoCity.Base;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// Everything needed to make the farmland patches of any one tile of the lattice, independently of the
/// others: the grid (its cell size calibrated so the whole city yields about the target number of
/// patches), the city outline, the areas to keep out of, where farmland lies at all (a fractal mask
/// that favours the eastern plain), villages and roads. Tiles are pure functions of the layout and the
/// tile number, so they can be made in parallel, or a single one for a quick check, with the same result.
/// </summary>
public sealed class FarmlandLayout
{
    public const int TileCells = 32;
    public const double Rotation = 0.21;
    public const double RoadWidth = 12;
    public const double VillageSpacing = 1_500;
    public const double SettlementRadius = 230;
    public const double RandomDropRate = 0.03;
    public const double MaskThreshold = -0.08;
    public const int MinVertices = 6;
    public const int MaxVertices = 30;

    /// <summary>Clipped pieces smaller than this share of a full cell are dropped (crumbs along boundaries).</summary>
    public const double MinPieceShare = 0.3;

    /// <summary>A deliberate conflict keeps a cell that overlaps its layer by this share (of its area) or more, up to 1 − this.</summary>
    public const double MinConflictShare = 0.25;

    private readonly Geometry _city;
    private readonly IPreparedGeometry _cityPrepared;
    private readonly ExclusionIndex _exclusions;
    private readonly DistrictLocator _districts;
    private readonly IPreparedGeometry? _nearYellowRiver;
    private readonly Noise _mask;
    private readonly double _maskCentreX, _maskHalfWidth;
    private readonly ulong _seed;
    private readonly int _minI, _minJ, _tilesU, _tilesV;
    private readonly double _settlementCells;

    public FarmlandLayout(Geometry city, ExclusionIndex exclusions, DistrictLocator districts, Geometry? yellowRiver, int targetPatches, int seed)
    {
        _city = city;
        _cityPrepared = PreparedGeometryFactory.Prepare(city);
        _exclusions = exclusions;
        _districts = districts;
        _nearYellowRiver = yellowRiver is null ? null : PreparedGeometryFactory.Prepare(yellowRiver.Buffer(5_000, 4));
        _seed = StableHash.Combine(StableHash.Of("YJJBNTBHTB"), seed);
        _mask = new Noise(StableHash.Mix(_seed));
        var env = city.EnvelopeInternal;
        (_maskCentreX, _maskHalfWidth) = (env.Centre.X, env.Width / 2);
        TargetPatches = targetPatches;

        // Warm the prepared city up on this thread before tiles share it.
        _cityPrepared.Covers(city.Factory.ToGeometry(new Envelope(env.Centre)));
        _cityPrepared.Intersects(city.Factory.ToGeometry(new Envelope(env.MinX, env.Centre.X, env.MinY, env.Centre.Y)));

        CellSize = Calibrate(env, targetPatches);
        var blockCells = Math.Max(3, (int)Math.Round(VillageSpacing / CellSize));
        _settlementCells = SettlementRadius / CellSize;
        Grid = new FarmlandGrid(_seed, new Coordinate(env.MinX, env.MinY), CellSize, Rotation, blockCells, RoadWidth);

        double minU = double.MaxValue, minV = double.MaxValue, maxU = double.MinValue, maxV = double.MinValue;
        foreach (var (x, y) in new[] { (env.MinX, env.MinY), (env.MaxX, env.MinY), (env.MinX, env.MaxY), (env.MaxX, env.MaxY) })
        {
            var (u, v) = Grid.ToLattice(x, y);
            (minU, maxU, minV, maxV) = (Math.Min(minU, u), Math.Max(maxU, u), Math.Min(minV, v), Math.Max(maxV, v));
        }
        (_minI, _minJ) = ((int)Math.Floor(minU) - 1, (int)Math.Floor(minV) - 1);
        _tilesU = (int)Math.Ceiling((maxU + 1 - _minI) / TileCells);
        _tilesV = (int)Math.Ceiling((maxV + 1 - _minJ) / TileCells);
    }

    public FarmlandGrid Grid { get; }
    public double CellSize { get; }
    public int TargetPatches { get; }
    public int TileCount => _tilesU * _tilesV;

    /// <summary>
    /// The cell size that makes the city yield about <paramref name="target"/> patches: the farmable
    /// share of the city (inside it, outside every exclusion, where the mask says farmland) is measured
    /// on a 250×250 sample grid, then divided among the cells that survive villages and random drops.
    /// </summary>
    private double Calibrate(Envelope env, int target)
    {
        const int n = 250;
        var inside = new IndexedPointInAreaLocator(_city);
        var hits = 0;
        for (var a = 0; a < n; a++)
        for (var b = 0; b < n; b++)
        {
            var c = new Coordinate(env.MinX + (a + 0.5) * env.Width / n, env.MinY + (b + 0.5) * env.Height / n);
            if (!IsFarmland(c.X, c.Y) || inside.Locate(c) != Location.Interior) continue;
            var point = _city.Factory.CreatePoint(c);
            if (_exclusions.Candidates(point.EnvelopeInternal).Any(p => p.Prepared.Intersects(point))) continue;
            hits++;
        }
        var farmable = env.Area * hits / (n * n);
        var cell = Math.Sqrt(farmable / target);
        for (var k = 0; k < 3; k++)
        {
            var block = Math.Max(3, Math.Round(VillageSpacing / cell));
            var settlement = Math.PI * Math.Pow(SettlementRadius / cell, 2) / (block * block);
            var survive = (1 - Math.Min(0.5, settlement)) * (1 - RandomDropRate);
            cell = Math.Sqrt(farmable * survive / target);
        }
        return cell;
    }

    /// <summary>The fractal mask: where, away from towns and redlines, farmland is at all. Favours the east.</summary>
    public bool IsFarmland(double x, double y) =>
        _mask.Fractal(x / 6_500, y / 6_500, 4) + 0.3 * (x - _maskCentreX) / _maskHalfWidth > MaskThreshold;

    /// <summary>The patches of tile <paramref name="tile"/> (0 ≤ tile &lt; <see cref="TileCount"/>), in lattice order.</summary>
    public List<PatchDraft> GenerateTile(int tile)
    {
        var result = new List<PatchDraft>();
        var (tu, tv) = (tile % _tilesU, tile / _tilesU);
        var (i0, j0) = (_minI + tu * TileCells, _minJ + tv * TileCells);
        var factory = _city.Factory;
        var tileOutline = factory.CreatePolygon([Grid.ToWorld(i0 - 1, j0 - 1), Grid.ToWorld(i0 + TileCells + 1, j0 - 1),
            Grid.ToWorld(i0 + TileCells + 1, j0 + TileCells + 1), Grid.ToWorld(i0 - 1, j0 + TileCells + 1), Grid.ToWorld(i0 - 1, j0 - 1)]);
        if (!_cityPrepared.Intersects(tileOutline)) return result;

        var fullCell = CellSize * CellSize;
        for (var j = j0; j < j0 + TileCells; j++)
        for (var i = i0; i < i0 + TileCells; i++)
        {
            var centre = Grid.ToWorld(i + 0.5, j + 0.5);
            if (!IsFarmland(centre.X, centre.Y) || InSettlement(i, j) || Grid.CellUnit(i, j, 7) < RandomDropRate) continue;

            var cell = factory.CreatePolygon(Grid.CellRing(i, j));
            if (!_cityPrepared.Intersects(cell)) continue;
            var covered = _cityPrepared.Covers(cell);
            Geometry shape = covered ? cell : cell.Intersection(_city);

            var touching = new List<ExclusionIndex.Piece>();
            var swallowed = false;
            foreach (var piece in _exclusions.Candidates(cell.EnvelopeInternal))
            {
                if (!piece.Prepared.Intersects(cell)) continue;
                if (piece.Prepared.Contains(cell)) { swallowed = true; break; }
                touching.Add(piece);
            }
            if (swallowed) continue;
            foreach (var piece in touching) shape = shape.Difference(piece.Shape);
            if (!covered || touching.Count > 0) shape = Millimetre.Snap(shape);

            string? conflictLayer = null;
            var overlap = 0.0;
            if (covered && touching.Count > 0 && touching.Select(p => p.Layer).Distinct().Count() == 1
                && touching[0].Layer is LayerCodes.EcologicalRedlines or LayerCodes.UrbanBoundary)
            {
                overlap = 1 - shape.Area / cell.Area;
                if (overlap >= MinConflictShare && overlap <= 1 - MinConflictShare) conflictLayer = touching[0].Layer;
            }

            var hash = StableHash.Combine(_seed, i, j, 99);
            var (district, landClass, deduction) = Describe(i, j, centre);
            var parts = GeometryParts.Polygons(shape).Where(p => p.Area >= MinPieceShare * fullCell).ToList();
            if (conflictLayer is not null && parts.Count == 0) conflictLayer = null;
            for (var k = 0; k < parts.Count; k++)
            {
                var part = WithVertexCountInRange(parts[k]);
                if (part is null) continue;
                result.Add(new PatchDraft(i, j, part, district, landClass, deduction,
                    k == 0 && conflictLayer is not null ? cell : null, k == 0 ? conflictLayer : null, overlap, hash));
            }
        }
        return result;
    }

    private bool InSettlement(int i, int j)
    {
        var b = Grid.BlockCells;
        var (bi, bj) = (FloorDiv(i, b), FloorDiv(j, b));
        var h = StableHash.Combine(_seed, bi, bj, 5);
        var su = bi * b + b * (0.5 + (StableHash.Unit(h) - 0.5) * 0.5);
        var sv = bj * b + b * (0.5 + (StableHash.Unit(StableHash.Mix(h)) - 0.5) * 0.5);
        var (du, dv) = (i + 0.5 - su, j + 0.5 - sv);
        return du * du + dv * dv < _settlementCells * _settlementCells;
    }

    /// <summary>District, land class (0101 水田 near the Yellow River, 0103 旱地 mostly in the hilly west, else 0102 水浇地) and 扣除系数.</summary>
    private (string District, string LandClass, double? Deduction) Describe(int i, int j, Coordinate centre)
    {
        var district = _districts.Locate(centre).Code;
        var r = Grid.CellUnit(i, j, 11);
        var west = centre.X < _maskCentreX - 0.2 * _maskHalfWidth;
        var nearYellow = _nearYellowRiver is not null && _nearYellowRiver.Intersects(_city.Factory.CreatePoint(centre));
        var landClass = nearYellow && r < 0.35 ? "0101" : west ? (r < 0.65 ? "0103" : "0102") : (r < 0.8 ? "0102" : "0103");
        var d = Grid.CellUnit(i, j, 12);
        double? deduction = landClass == "0103"
            ? (d < 0.6 ? Math.Round(0.05 + Grid.CellUnit(i, j, 13) * 0.10, 2) : null)
            : (d < 0.1 ? Math.Round(0.05 + Grid.CellUnit(i, j, 13) * 0.03, 2) : null);
        return (district, landClass, deduction);
    }

    /// <summary>
    /// A piece with 6–30 distinct vertices: too few gets midpoints on its longest edges (same shape), too
    /// many is dropped (a gap along a boundary, as real patches leave).
    /// </summary>
    private static Polygon? WithVertexCountInRange(Polygon p)
    {
        var distinct = p.NumPoints - 1 - p.NumInteriorRings;
        if (distinct > MaxVertices || p.NumInteriorRings > 0) return null;
        if (distinct >= MinVertices) return p;
        var ring = p.Shell.Coordinates.Take(p.Shell.NumPoints - 1).ToList();
        while (ring.Count < MinVertices)
        {
            var longest = Enumerable.Range(0, ring.Count).MaxBy(k => ring[k].Distance(ring[(k + 1) % ring.Count]));
            var (a, b) = (ring[longest], ring[(longest + 1) % ring.Count]);
            ring.Insert(longest + 1, new Coordinate(Millimetre.Round((a.X + b.X) / 2), Millimetre.Round((a.Y + b.Y) / 2)));
        }
        ring.Add(ring[0].Copy());
        return p.Factory.CreatePolygon(ring.ToArray());
    }

    private static int FloorDiv(int a, int n) => (int)Math.Floor((double)a / n);

    /// <summary>Village (坐落单位) of a cell: code XZQDM + township + village + 0000000, and a name.</summary>
    public (string Code, string Name) Village(int i, int j, string district)
    {
        var b = Grid.BlockCells;
        var (bi, bj) = (FloorDiv(i, b), FloorDiv(j, b));
        var (ti, tj) = (FloorDiv(bi - FloorDiv(_minI, b), 4), FloorDiv(bj - FloorDiv(_minJ, b), 4));
        var townships = (int)Math.Ceiling(_tilesV * TileCells / (double)b / 4) + 1;
        var township = (ti * townships + tj) % 999 + 1;
        var village = (bi - FloorDiv(_minI, b)) % 4 * 4 + (bj - FloorDiv(_minJ, b)) % 4 + 1;
        var name = VillageNames.For(StableHash.Combine(_seed, bi, bj, 21));
        return ($"{district}{township:000}{village:000}0000000", name);
    }
}
