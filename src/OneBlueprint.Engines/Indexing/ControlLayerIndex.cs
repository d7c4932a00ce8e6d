using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Indexing;

/// <summary>
/// An immutable in-memory index of one control layer version in the working CRS (a metric Gauss-Krüger system).
/// <para>
/// Features are kept in ascending id order (<see cref="Features"/>). Each valid feature is split into pieces: one per
/// polygon, and polygons with more than <see cref="ControlLayerIndexOptions.MaxPieceVertices"/> vertices are cut
/// further (<see cref="PolygonSubdivider"/>); analysis runs on the pieces, results report the original features. Each
/// piece carries its rings as flat arrays oriented interior-left (<see cref="FlatRings"/>), its area, its boundary
/// length without cut edges, and its box in a Sort-Tile-Recursive packed R-tree.
/// </para>
/// <para>
/// Invalid features (real data has them: self-intersections, overlapping parts) are indexed as they are, as one
/// piece, and never subdivided; analysis overlays them with OverlayNG and falls back to a repaired copy
/// (<see cref="GeometryValidator.Repair"/>, made once and kept) when the overlay fails. Features without area
/// (points, lines, empty) are skipped and listed in <see cref="Notes"/>.
/// </para>
/// <para>The build is deterministic: the same features give the same index whatever the thread scheduling.</para>
/// </summary>
public sealed class ControlLayerIndex
{
    private readonly ControlFeature[] _features;
    private readonly string?[] _featureProblems;
    private readonly int[] _featureFirstPiece; // pieces of feature f: [_featureFirstPiece[f], _featureFirstPiece[f + 1])
    private readonly Geometry?[] _repaired;
    private readonly double[] _ellipsoidalArea; // NaN until first asked for

    internal readonly Geometry[] PieceGeometry;
    internal readonly int[] PieceFeature;
    internal readonly int[] PieceRingStart; // rings of piece p: [PieceRingStart[p], PieceRingStart[p + 1]) in Rings
    internal readonly double[] PieceArea;
    internal readonly double[] PieceBoundaryLength;
    internal readonly double[] PieceBox; // minX, minY, maxX, maxY per piece
    internal readonly FlatRings Rings;
    internal readonly bool[] EdgeIsCut; // per coordinate of Rings: edge k → k + 1 lies on a cut line
    internal readonly PackedBoxTree Tree;

    private ControlLayerIndex(string code, long layerVersionId, int srid, ControlLayerIndexOptions options,
        ControlFeature[] features, string?[] problems, int[] featureFirstPiece, Geometry[] pieceGeometry, int[] pieceFeature,
        int[] pieceRingStart, double[] pieceArea, double[] pieceBoundaryLength, double[] pieceBox, FlatRings rings, bool[] edgeIsCut,
        IReadOnlyList<string> notes)
    {
        Code = code;
        LayerVersionId = layerVersionId;
        Srid = srid;
        Options = options;
        _features = features;
        _featureProblems = problems;
        _featureFirstPiece = featureFirstPiece;
        _repaired = new Geometry?[features.Length];
        _ellipsoidalArea = new double[features.Length];
        Array.Fill(_ellipsoidalArea, double.NaN);
        PieceGeometry = pieceGeometry;
        PieceFeature = pieceFeature;
        PieceRingStart = pieceRingStart;
        PieceArea = pieceArea;
        PieceBoundaryLength = pieceBoundaryLength;
        PieceBox = pieceBox;
        Rings = rings;
        EdgeIsCut = edgeIsCut;
        Notes = notes;
        Tree = PackedBoxTree.SortTileRecursive(pieceBox, nodeSize: 16, options.Parallel);
        for (var f = 0; f < features.Length; f++)
            if (featureFirstPiece[f + 1] == featureFirstPiece[f]) SkippedFeatureCount++;
    }

    /// <summary>Control-line code of the layer (STBHHX, YJJBNTBHTB, CZKFBJ, LX, …).</summary>
    public string Code { get; }

    /// <summary>The layer version this index was built from (the storage id), reported with every result.</summary>
    public long LayerVersionId { get; }

    /// <summary>The working CRS of the geometries (EPSG code).</summary>
    public int Srid { get; }

    public ControlLayerIndexOptions Options { get; }

    /// <summary>The features in ascending id order (skipped features included: they simply never overlap).</summary>
    public IReadOnlyList<ControlFeature> Features => _features;

    public int PieceCount => PieceGeometry.Length;

    public int InvalidFeatureCount => _featureProblems.Count(p => p is not null);

    /// <summary>What the build noticed: invalid features (with the reason and place), skipped non-areal features.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Features indexed without any piece: those without area, which no analysis (and no box query) sees.</summary>
    public int SkippedFeatureCount { get; }

    /// <summary>
    /// Ordinals (positions in <see cref="Features"/>), ascending and each once, of the features with a piece whose box
    /// meets <paramref name="box"/> (closed, working CRS): a superset of the features that intersect it, found without
    /// touching geometry. Skipped features (<see cref="SkippedFeatureCount"/>) are never among them.
    /// </summary>
    public int[] FeaturesInBox(Envelope box)
    {
        ArgumentNullException.ThrowIfNull(box);
        if (box.IsNull) return [];
        var buffer = new int[64];
        var found = Tree.Query(box.MinX, box.MinY, box.MaxX, box.MaxY, ref buffer);
        var ordinals = new int[found];
        for (var i = 0; i < found; i++) ordinals[i] = PieceFeature[buffer[i]];
        Array.Sort(ordinals);
        var unique = 0; // features cut into pieces are met once per piece
        for (var i = 0; i < found; i++)
            if (unique == 0 || ordinals[i] != ordinals[unique - 1]) ordinals[unique++] = ordinals[i];
        return unique == found ? ordinals : ordinals[..unique];
    }

    /// <summary>Why feature number <paramref name="ordinal"/> (position in <see cref="Features"/>) is invalid, or null when it is valid.</summary>
    public string? FeatureProblem(int ordinal) => _featureProblems[ordinal];

    /// <summary>The pieces a feature was indexed as (its polygons, cut where large); empty when it was skipped.</summary>
    public IReadOnlyList<Geometry> PiecesOf(int ordinal) =>
        PieceGeometry[_featureFirstPiece[ordinal].._featureFirstPiece[ordinal + 1]];

    internal int PieceCountOf(int ordinal) => _featureFirstPiece[ordinal + 1] - _featureFirstPiece[ordinal];

    /// <summary>A valid copy of an invalid feature, made on first use and kept (deterministic, so racing threads agree).</summary>
    internal Geometry RepairedGeometry(int ordinal)
    {
        var cached = Volatile.Read(ref _repaired[ordinal]);
        if (cached is not null) return cached;
        var repaired = GeometryValidator.Repair(Polygonal(_features[ordinal].Geometry) ?? _features[ordinal].Geometry);
        return Interlocked.CompareExchange(ref _repaired[ordinal], repaired, null) ?? repaired;
    }

    /// <summary>
    /// Ellipsoidal area (CGCS2000, m²) of a whole feature, computed on first use and kept: features wholly inside a red
    /// line contribute it without another reprojection. Deterministic, so racing threads store the same value.
    /// </summary>
    internal double EllipsoidalAreaOf(int ordinal)
    {
        var cached = Volatile.Read(ref _ellipsoidalArea[ordinal]);
        if (!double.IsNaN(cached)) return cached;
        var polygonal = Polygonal(_features[ordinal].Geometry);
        var area = polygonal is null ? 0 : EllipsoidalArea.Of(Reprojector.Transform(polygonal, Srid, CrsCatalog.Cgcs2000));
        Volatile.Write(ref _ellipsoidalArea[ordinal], area);
        return area;
    }

    /// <summary>Builds the index of one layer version. Never throws on bad geometry: see the class notes.</summary>
    public static ControlLayerIndex Build(string code, long layerVersionId, int srid, IEnumerable<ControlFeature> features,
        ControlLayerIndexOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(features);
        options ??= ControlLayerIndexOptions.Default;
        if (options.MaxPieceVertices < 8)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPieceVertices, "pieces need at least 8 vertices");

        // Stable sort: equal ids keep their input order, so the result does not depend on anything but the input.
        var sorted = features.OrderBy(f => f.Id).ToArray();
        var plans = new FeaturePlan[sorted.Length];
        void Plan(int i) => plans[i] = FeaturePlan.For(sorted[i], options.MaxPieceVertices);
        if (options.Parallel) System.Threading.Tasks.Parallel.For(0, sorted.Length, Plan);
        else for (var i = 0; i < sorted.Length; i++) Plan(i);

        // Prefix sums give every feature its own ranges, so the arrays can be filled in parallel.
        var featureFirstPiece = new int[sorted.Length + 1];
        var pieceFirstRing = new int[sorted.Length + 1];
        var pieceFirstCoordinate = new int[sorted.Length + 1];
        var notes = new List<string>();
        for (var i = 0; i < sorted.Length; i++)
        {
            var plan = plans[i];
            featureFirstPiece[i + 1] = featureFirstPiece[i] + plan.Pieces.Count;
            pieceFirstRing[i + 1] = pieceFirstRing[i] + plan.Rings;
            pieceFirstCoordinate[i + 1] = pieceFirstCoordinate[i] + plan.Coordinates;
            if (plan.Note is not null) notes.Add(plan.Note);
            if (i > 0 && sorted[i].Id == sorted[i - 1].Id)
                notes.Add($"feature {sorted[i].Id.ToString(CultureInfo.InvariantCulture)} appears more than once; each copy is analysed");
        }

        var pieceCount = featureFirstPiece[^1];
        var rings = new FlatRings(pieceFirstCoordinate[^1], pieceFirstRing[^1]);
        var edgeIsCut = new bool[pieceFirstCoordinate[^1]];
        var pieceGeometry = new Geometry[pieceCount];
        var pieceFeature = new int[pieceCount];
        var pieceRingStart = new int[pieceCount + 1];
        var pieceArea = new double[pieceCount];
        var pieceLength = new double[pieceCount];
        var pieceBox = new double[pieceCount * 4];
        var problems = new string?[sorted.Length];

        void Fill(int i)
        {
            var plan = plans[i];
            problems[i] = plan.Problem;
            var coordinate = pieceFirstCoordinate[i];
            var ring = pieceFirstRing[i];
            for (var k = 0; k < plan.Pieces.Count; k++)
            {
                var p = featureFirstPiece[i] + k;
                var (geometry, cuts) = plan.Pieces[k];
                pieceGeometry[p] = geometry;
                pieceFeature[p] = i;
                pieceRingStart[p] = ring;
                var env = geometry.EnvelopeInternal;
                pieceBox[p * 4] = env.MinX;
                pieceBox[p * 4 + 1] = env.MinY;
                pieceBox[p * 4 + 2] = env.MaxX;
                pieceBox[p * 4 + 3] = env.MaxY;
                if (plan.Problem is not null)
                {
                    // Invalid: no flat rings (the kernel never sees it); area as NTS reports it, for reference only.
                    pieceArea[p] = geometry.Area;
                    continue;
                }
                var firstCoordinate = coordinate;
                var (area, length) = rings.Write((Polygon)geometry, ref coordinate, ref ring);
                pieceArea[p] = area;
                if (!cuts.IsNone)
                {
                    for (var c = firstCoordinate; c < coordinate - 1; c++)
                    {
                        if (!cuts.IsCut(rings.X[c], rings.Y[c], rings.X[c + 1], rings.Y[c + 1])) continue;
                        edgeIsCut[c] = true;
                        length -= Math.Sqrt(Sq(rings.X[c + 1] - rings.X[c]) + Sq(rings.Y[c + 1] - rings.Y[c]));
                    }
                }
                pieceLength[p] = length;
            }
        }
        if (options.Parallel) System.Threading.Tasks.Parallel.For(0, sorted.Length, Fill);
        else for (var i = 0; i < sorted.Length; i++) Fill(i);
        pieceRingStart[pieceCount] = rings.RingCount;

        return new ControlLayerIndex(code, layerVersionId, srid, options, sorted, problems, featureFirstPiece, pieceGeometry,
            pieceFeature, pieceRingStart, pieceArea, pieceLength, pieceBox, rings, edgeIsCut, notes);
    }

    private static double Sq(double v) => v * v;

    /// <summary>
    /// The polygonal content of a geometry (the polygons of a collection), without empty polygons or empty holes
    /// (NTS's prepared geometry trips over those), or null when it has none.
    /// </summary>
    internal static Geometry? Polygonal(Geometry geometry)
    {
        if (geometry is Polygon { IsEmpty: false } single && !HasEmptyHole(single)) return geometry;
        if (geometry is MultiPolygon { IsEmpty: false } multi && !Enumerable.Range(0, multi.NumGeometries).Any(i => multi.GetGeometryN(i) is Polygon p && (p.IsEmpty || HasEmptyHole(p))))
            return geometry;
        var polygons = PolygonExtracter.GetPolygons(geometry).Cast<Polygon>().Where(p => !p.IsEmpty)
            .Select(p => HasEmptyHole(p) ? p.Factory.CreatePolygon((LinearRing)p.ExteriorRing, p.InteriorRings.Where(h => !h.IsEmpty).Cast<LinearRing>().ToArray()) : p)
            .ToArray();
        return polygons.Length == 0 ? null
            : polygons.Length == 1 && geometry is not MultiPolygon ? polygons[0]
            : geometry.Factory.CreateMultiPolygon(polygons);
    }

    private static bool HasEmptyHole(Polygon polygon)
    {
        foreach (var hole in polygon.InteriorRings)
            if (hole.IsEmpty) return true;
        return false;
    }

    /// <summary>What one feature becomes: its pieces, or the reason it is invalid or skipped.</summary>
    private sealed record FeaturePlan(List<(Geometry Piece, CutSides Cuts)> Pieces, int Coordinates, int Rings, string? Problem, string? Note)
    {
        public static FeaturePlan For(ControlFeature feature, int maxVertices)
        {
            var id = feature.Id.ToString(CultureInfo.InvariantCulture);
            var polygonal = feature.Geometry is null ? null : Polygonal(feature.Geometry);
            if (polygonal is null)
                return new FeaturePlan([], 0, 0, null,
                    $"feature {id} has no area ({feature.Geometry?.GeometryType ?? "no geometry"}); it is not analysed");

            var dropped = !ReferenceEquals(polygonal, feature.Geometry) && feature.Geometry is not (Polygon or MultiPolygon)
                ? $"feature {id}: only the polygons of its {feature.Geometry!.GeometryType} are analysed" : null;

            string? problem;
            try
            {
                var error = new IsValidOp(polygonal).ValidationError;
                problem = error is null ? null : Describe(error);
            }
            catch (Exception e)
            {
                problem = $"validity could not be checked ({e.GetType().Name}: {e.Message})";
            }
            if (problem is not null)
                return new FeaturePlan([(polygonal, CutSides.None)], 0, 0, problem,
                    $"feature {id} is invalid ({problem}); it is analysed as it is, or on a repaired copy where overlay fails");

            var pieces = new List<(Geometry, CutSides)>();
            for (var i = 0; i < polygonal.NumGeometries; i++)
            {
                var polygon = (Polygon)polygonal.GetGeometryN(i);
                if (polygon.IsEmpty) continue;
                if (polygon.NumPoints <= maxVertices) pieces.Add((polygon, CutSides.None));
                else
                {
                    List<(Polygon Piece, CutSides Cuts)> parts;
                    try
                    {
                        parts = PolygonSubdivider.Subdivide(polygon, maxVertices);
                    }
                    catch (Exception)
                    {
                        parts = [(polygon, CutSides.None)]; // a clip failed: index the polygon whole, correct but slower
                    }
                    foreach (var part in parts) pieces.Add(part);
                }
            }
            var coordinates = 0;
            var rings = 0;
            foreach (var (piece, _) in pieces)
            {
                var (c, r) = FlatRings.Size((Polygon)piece);
                coordinates += c;
                rings += r;
            }
            return new FeaturePlan(pieces, coordinates, rings, null, dropped);
        }

        private static string Describe(TopologyValidationError error)
        {
            var c = error.Coordinate;
            return c is null
                ? error.Message
                : string.Create(CultureInfo.InvariantCulture, $"{error.Message} at ({c.X:0.###}, {c.Y:0.###})");
        }
    }
}
