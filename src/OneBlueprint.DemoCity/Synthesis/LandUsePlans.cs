using System.Globalization;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Distance;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using OneBlueprint.DemoCity.Base;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// Two synthetic land-use plans over Zhengzhou's central city and 中牟县, for the discrepancy analysis (两规差异):
/// 土地利用总体规划 (TDGH, attribute <see cref="TdghField"/> with TD/T 1024 codes) and 城市总体规划 (CSGH, attribute
/// <see cref="CsghField"/> with GB 50137 codes). See <see cref="LandUseCodes"/>.
/// <para>
/// Both are valid coverages of the same extent (<see cref="PlanDistricts"/>): no overlaps, no gaps, shared edges with
/// the same vertices on both sides. They are cut from one jittered lattice (<see cref="FarmlandGrid"/> without roads),
/// clipped to the extent and split along the urban development boundary with OverlayNG on the 1 mm grid (snap-rounding,
/// so both sides of a cut get the same nodes). TDGH keeps the pieces; CSGH splits whole urban cells into 2–3 parcels
/// along chords between their own vertices (no new vertex on a shared edge) and merges pairs of whole rural cells of
/// the same use, so the two plans' boundaries differ the way real plans' do while their classes mostly agree.
/// </para>
/// <para>
/// Each piece's use follows what lies under its interior point — the urban development boundary (城镇用地 / urban uses),
/// ecological redlines (林地 / 农林), lakes and blue lines (水面 / 水域), farmland patches (耕地 by their DLBM), villages
/// from smooth noise (农村居民点 / 村庄建设用地) — and the plans disagree on purpose where real ones do:
/// </para>
/// <list type="bullet">
/// <item>城规建设、土规非建设: 城规 plans urban expansion (R/M/W) on 土规 farmland within <see cref="ExpansionReach"/> of the
/// urban development boundary, in noise-shaped fronts;</item>
/// <item>土规建设、城规非建设: 城规 keeps rivers inside the city as water (E1) where 土规 maps 城镇用地 blocks; leaves some of
/// 土规's new urban land along the boundary as farmland (E2); and plans villages for removal (村庄撤并, E2) that 土规 keeps.</item>
/// </list>
/// Deterministic from the seed: rows are made in parallel and joined in row order.
/// </summary>
public static class LandUsePlans
{
    public const string TdghField = "TDGHDL";
    public const string TdghNameField = "TDGHMC";
    public const string CsghField = "YDDM";
    public const string CsghNameField = "YDMC";

    /// <summary>The districts both plans cover: 中原区, 二七区, 管城回族区, 金水区, 惠济区 and 中牟县.</summary>
    public static readonly IReadOnlyList<string> PlanDistricts = ["410102", "410103", "410104", "410105", "410108", "410122"];

    public const double Rotation = -0.12;

    /// <summary>How far beyond the urban development boundary 城规 plans expansion onto farmland (metres).</summary>
    public const double ExpansionReach = 2_500;

    /// <summary>Metadata keys with the deliberate disagreements: "count areaHa" of each direction.</summary>
    public const string UrbanOnlyKey = "disagreements.城规建设土规非建设";
    public const string LandUseOnlyKey = "disagreements.土规建设城规非建设";

    public static double CellSizeFor(DemoScale scale) => scale == DemoScale.City ? 300 : 800;

    public sealed record Plans(FeatureSet LandUsePlan, FeatureSet CityPlan);

    private static readonly PrecisionModel Grid = new(GeometryKit.MillimetreScale);

    /// <summary>One piece of a lattice cell after clipping: <see cref="Whole"/> when it is the uncut cell.</summary>
    private sealed record Piece(int I, int J, int K, Polygon Shape, bool Urban, bool Whole);

    /// <summary>A piece with its uses; <see cref="Csgh"/> null for whole urban cells, whose parcels draw their own.</summary>
    private sealed record Classified(Piece Piece, string Tdgh, string? Csgh, string DistrictCode, string DistrictName);

    public static Plans Build(IReadOnlyDictionary<string, FeatureSet> layers, DistrictLocator districts, DemoScale scale, int seed,
        CancellationToken ct = default)
    {
        var factory = GeometryKit.Factory(WorkingCrs.Srid);
        var extent = UnaryUnionNG.Union(layers[LayerCodes.Districts].Features
            .Where(f => PlanDistricts.Contains(f.Attributes["XZQDM"] as string)).Select(f => f.Geometry), factory, Grid);
        var urban = OverlayNG.Overlay(
            UnaryUnionNG.Union(layers[LayerCodes.UrbanBoundary].Features.Select(f => f.Geometry), factory, Grid),
            extent, SpatialFunction.Intersection, Grid);
        var site = new Site(layers, extent, urban, seed);

        var cellSize = CellSizeFor(scale);
        var env = extent.EnvelopeInternal;
        var grid = new FarmlandGrid(StableHash.Combine(StableHash.Of("TDGH.grid"), seed),
            new Coordinate(Math.Floor(env.MinX), Math.Floor(env.MinY)), cellSize, Rotation, blockCells: 1 << 20, roadWidth: 0);
        var corners = new[] { (env.MinX, env.MinY), (env.MaxX, env.MinY), (env.MinX, env.MaxY), (env.MaxX, env.MaxY) }
            .Select(c => grid.ToLattice(c.Item1, c.Item2)).ToArray();
        int iMin = (int)Math.Floor(corners.Min(c => c.U)) - 1, iMax = (int)Math.Ceiling(corners.Max(c => c.U)) + 1;
        int jMin = (int)Math.Floor(corners.Min(c => c.V)) - 1, jMax = (int)Math.Ceiling(corners.Max(c => c.V)) + 1;

        var rows = new List<Classified>[jMax - jMin + 1];
        Parallel.For(0, rows.Length, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, r =>
        {
            var row = new List<Classified>();
            for (var i = iMin; i <= iMax; i++)
                foreach (var piece in Cut(grid, i, jMin + r, factory, site))
                    row.Add(site.Classify(piece, districts));
            rows[r] = row;
        });
        ct.ThrowIfCancellationRequested();

        var landUse = new LayerBuilder(LayerCodes.LandUsePlan, "土地利用总体规划");
        double urbanOnlyArea = 0, landUseOnlyArea = 0;
        int urbanOnly = 0, landUseOnly = 0;
        foreach (var c in rows.SelectMany(r => r))
        {
            landUse.AddOnGrid(c.Piece.Shape,
                (TdghField, c.Tdgh), (TdghNameField, LandUseCodes.Tdgh[c.Tdgh]),
                ("XZQDM", c.DistrictCode), ("XZQMC", c.DistrictName),
                ("MJ", Math.Round(AreaUnits.ToHectares(c.Piece.Shape.Area), 4)),
                ("GHQX", "2006—2020年"));
            var tdghBuilds = c.Tdgh[0] == '2';
            var csghBuilds = c.Csgh is null || c.Csgh[0] != 'E';
            if (csghBuilds && !tdghBuilds) { urbanOnly++; urbanOnlyArea += c.Piece.Shape.Area; }
            if (tdghBuilds && !csghBuilds) { landUseOnly++; landUseOnlyArea += c.Piece.Shape.Area; }
        }

        var cityPlan = new LayerBuilder(LayerCodes.CityMasterPlan, "城市总体规划");
        foreach (var row in rows)
            foreach (var (shape, c, parcel) in CityParcels(row, seed))
            {
                var code = c.Csgh ?? LandUseCodes.UrbanUse(StableHash.Unit(StableHash.Combine(site.Seed, c.Piece.I, c.Piece.J, 100 + parcel)));
                cityPlan.AddOnGrid(shape,
                    (CsghField, code), (CsghNameField, LandUseCodes.Csgh[code]),
                    ("XZQDM", c.DistrictCode), ("XZQMC", c.DistrictName),
                    ("MJ", Math.Round(AreaUnits.ToHectares(shape.Area), 4)),
                    ("GHQX", "2010—2020年"));
            }

        var extentNote = $"districts {string.Join(", ", PlanDistricts)} ({AreaUnits.ToHectares(extent.Area):0} ha)";
        var built = new[]
        {
            landUse.Build($"土地利用总体规划 (TDGH): jittered lattice cells of {cellSize:0} m over {extentNote}, split along the urban development boundary; " +
                          "uses from the layers under each piece (城镇开发边界, 生态保护红线, lakes, blue lines, farmland DLBM) and noise-made villages"),
            cityPlan.Build($"城市总体规划 (CSGH): the same lattice over {extentNote}, whole urban cells split into 2–3 parcels, whole rural cells merged " +
                           "in pairs of one use; deliberate disagreements with TDGH in both directions (see the disagreements.* keys)"),
        };
        foreach (var set in built)
        {
            set.Metadata["cellSize"] = cellSize.ToString("0", CultureInfo.InvariantCulture);
            set.Metadata[UrbanOnlyKey] = string.Create(CultureInfo.InvariantCulture, $"{urbanOnly} {AreaUnits.ToHectares(urbanOnlyArea):0.0}");
            set.Metadata[LandUseOnlyKey] = string.Create(CultureInfo.InvariantCulture, $"{landUseOnly} {AreaUnits.ToHectares(landUseOnlyArea):0.0}");
        }
        return new Plans(built[0], built[1]);
    }

    /// <summary>Cell (i, j) inside the extent, split along the urban development boundary; pieces on the 1 mm grid.</summary>
    private static IEnumerable<Piece> Cut(FarmlandGrid grid, int i, int j, GeometryFactory factory, Site site)
    {
        var cell = factory.CreatePolygon(grid.CellRing(i, j));
        if (!site.ExtentPrepared.Intersects(cell)) yield break;
        var whole = site.ExtentPrepared.Covers(cell);
        var parts = whole ? [cell] : GeometryParts.Polygons(OverlayNG.Overlay(cell, site.Extent, SpatialFunction.Intersection, Grid)).ToList();
        var k = 0;
        foreach (var part in parts)
        {
            if (site.UrbanPrepared.Covers(part)) yield return new Piece(i, j, k++, part, true, whole);
            else if (!site.UrbanPrepared.Intersects(part)) yield return new Piece(i, j, k++, part, false, whole);
            else
            {
                foreach (var inside in GeometryParts.Polygons(OverlayNG.Overlay(part, site.Urban, SpatialFunction.Intersection, Grid)))
                    yield return new Piece(i, j, k++, inside, true, false);
                foreach (var outside in GeometryParts.Polygons(OverlayNG.Overlay(part, site.Urban, SpatialFunction.Difference, Grid)))
                    yield return new Piece(i, j, k++, outside, false, false);
            }
        }
    }

    /// <summary>
    /// The city plan's parcels of one row, in order: whole urban cells split into 2–3 parcels (numbered 0, 1, 2 for
    /// their uses), whole rural cells merged with their east neighbour when both have the same use and district,
    /// everything else as it is.
    /// </summary>
    private static IEnumerable<(Polygon Shape, Classified Piece, int Parcel)> CityParcels(List<Classified> row, int seed)
    {
        for (var n = 0; n < row.Count; n++)
        {
            var c = row[n];
            var p = c.Piece;
            if (p.Urban && p.Whole && c.Csgh is null)
            {
                var h = StableHash.Combine(StableHash.Of("CSGH.split"), seed, p.I, p.J);
                var parcels = Chords.Split(p.Shape, 2 + (int)(h % 2), h);
                for (var k = 0; k < parcels.Count; k++) yield return (parcels[k], c, k);
                continue;
            }
            if (!p.Urban && p.Whole && (p.I & 1) == 0 && n + 1 < row.Count)
            {
                var next = row[n + 1];
                if (next.Piece is { Urban: false, Whole: true } q && q.I == p.I + 1 && next.Csgh == c.Csgh && next.DistrictCode == c.DistrictCode
                    && GeometryParts.Polygons(OverlayNG.Overlay(p.Shape, q.Shape, SpatialFunction.Union, Grid)).ToList() is [var merged])
                {
                    yield return (merged, c, 0);
                    n++;
                    continue;
                }
            }
            yield return (p.Shape, c, 0);
        }
    }

    /// <summary>What lies where: the extent, the urban development boundary, and lookups for the layers that decide uses.</summary>
    private sealed class Site
    {
        private readonly PointLookup _ecological, _lakes, _blueLines, _farmland;
        private readonly IndexedFacetDistance _urbanEdge;
        private readonly Noise _villages, _expansion, _terrain;

        public Site(IReadOnlyDictionary<string, FeatureSet> layers, Geometry extent, Geometry urban, int seed)
        {
            Extent = extent;
            Urban = urban;
            Seed = StableHash.Combine(StableHash.Of("TDGH.uses"), seed);
            ExtentPrepared = PreparedGeometryFactory.Prepare(extent);
            UrbanPrepared = PreparedGeometryFactory.Prepare(urban);
            // Build the prepared indexes on this thread before the rows share them.
            var probe = extent.Factory.ToGeometry(new Envelope(extent.EnvelopeInternal.Centre));
            foreach (var prepared in new[] { ExtentPrepared, UrbanPrepared })
            {
                prepared.Covers(probe);
                prepared.Intersects(extent.Factory.ToGeometry(extent.EnvelopeInternal));
            }
            _ecological = new PointLookup(layers[LayerCodes.EcologicalRedlines].Features, null);
            _lakes = new PointLookup(layers[LayerCodes.Lakes].Features, null);
            _blueLines = new PointLookup(layers[LayerCodes.BlueLine].Features, null);
            _farmland = new PointLookup(layers[LayerCodes.Farmland].Features, "DLBM", indexed: false);
            _urbanEdge = new IndexedFacetDistance(urban);
            _villages = new Noise(StableHash.Combine(Seed, 1));
            _expansion = new Noise(StableHash.Combine(Seed, 2));
            _terrain = new Noise(StableHash.Combine(Seed, 3));
        }

        public Geometry Extent { get; }
        public Geometry Urban { get; }
        public ulong Seed { get; }
        public IPreparedGeometry ExtentPrepared { get; }
        public IPreparedGeometry UrbanPrepared { get; }

        public Classified Classify(Piece piece, DistrictLocator districts)
        {
            var at = piece.Shape.InteriorPoint.Coordinate;
            var (code, name) = districts.Locate(at);
            var (tdgh, csgh) = piece.Urban ? UrbanUses(piece, at) : RuralUses(piece, at);
            return new Classified(piece, tdgh, csgh, code, name);
        }

        private double Unit(Piece p, int purpose) => StableHash.Unit(StableHash.Combine(Seed, p.I, p.J, purpose * 16 + p.K));

        private (string, string?) UrbanUses(Piece p, Coordinate at)
        {
            if (_lakes.Contains(at)) return ("312", "E1");
            // 土规 maps whole 城镇用地 blocks; 城规 keeps the river corridors through them as water.
            if (_blueLines.Contains(at)) return ("211", "E1");
            // 土规's new urban land along the boundary that 城规 leaves as farmland.
            if (!p.Whole && Unit(p, 1) < 0.22) return ("211", "E2");
            return ("211", p.Whole ? null : LandUseCodes.UrbanUse(Unit(p, 2)));
        }

        private (string, string?) RuralUses(Piece p, Coordinate at)
        {
            if (_lakes.Contains(at)) return ("312", "E1");
            if (_blueLines.Contains(at)) return ("311", "E1");
            var terrain = _terrain.Fractal(at.X / 3_000, at.Y / 3_000, 3);
            if (_ecological.Contains(at)) return terrain > 0.35 ? ("320", "E9") : ("130", "E2");

            string tdgh;
            if (_farmland.ValueAt(at) is { } dlbm) tdgh = LandUseCodes.TdghForFarmland(dlbm);
            else if (_villages.Fractal(at.X / 1_800, at.Y / 1_800, 2) > 0.38) tdgh = "212";
            else if (Unit(p, 3) < 0.025) tdgh = Unit(p, 4) < 0.3 ? "213" : "214";
            else tdgh = terrain > 0.25 ? "130" : terrain < -0.3 ? "120" : "113";

            switch (tdgh)
            {
                case "212": return (tdgh, Unit(p, 5) < 0.25 ? "E2" : "H14"); // 村庄撤并: 城规 plans the village away
                case "213": return (tdgh, "H5");
                case "214": return (tdgh, "H9");
            }
            // 城规's expansion fronts onto 土规 farmland near the urban development boundary.
            if (_expansion.Fractal(at.X / 2_500, at.Y / 2_500, 2) > 0.22 && _urbanEdge.Distance(PointAt(at)) < ExpansionReach)
            {
                var u = Unit(p, 6);
                return (tdgh, u < 0.5 ? "R" : u < 0.85 ? "M" : "W");
            }
            return (tdgh, "E2");
        }

        private Point PointAt(Coordinate c) => Urban.Factory.CreatePoint(c);
    }

    /// <summary>Point-in-polygon over one layer's features (indexed per feature for big polygons), optionally returning an attribute.</summary>
    private sealed class PointLookup
    {
        private readonly STRtree<(Geometry Shape, IPointOnGeometryLocator? Locator, string? Value)> _tree = new();

        public PointLookup(IEnumerable<GeoFeature> features, string? attribute, bool indexed = true)
        {
            foreach (var f in features)
            {
                if (f.Geometry is not IPolygonal || f.Geometry.IsEmpty) continue;
                IPointOnGeometryLocator? locator = null;
                if (indexed)
                {
                    locator = new IndexedPointInAreaLocator(f.Geometry);
                    locator.Locate(f.Geometry.EnvelopeInternal.Centre); // builds its index now, on one thread
                }
                _tree.Insert(f.Geometry.EnvelopeInternal, (f.Geometry, locator, attribute is null ? null : f.Attributes.GetValueOrDefault(attribute) as string));
            }
            _tree.Build();
        }

        public bool Contains(Coordinate c) => Find(c) is not null;

        public string? ValueAt(Coordinate c) => Find(c)?.Value;

        private (Geometry Shape, IPointOnGeometryLocator? Locator, string? Value)? Find(Coordinate c)
        {
            foreach (var item in _tree.Query(new Envelope(c)))
            {
                var location = item.Locator?.Locate(c) ?? SimplePointInAreaLocator.Locate(c, item.Shape);
                if (location == Location.Interior) return item;
            }
            return null;
        }
    }
}
