using NetTopologySuite.Algorithm.Construct;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// Gaps (缝隙) of a layer: the holes of the union of its features that are at most the gap width wide — the
/// definition of JTS's CoverageGapFinder (not in NetTopologySuite 2.5, so done here the same way). A hole's width is
/// the diameter of its maximum inscribed circle; wider holes are counted, not reported. The land outside the layer's
/// outline is never a gap.
/// <para>
/// The union: when the layer is a clean coverage (no overlaps, no invalid features) NetTopologySuite's CoverageUnion
/// (edge matching, no overlay) is tried first and kept only if its result is valid and its area equals the sum of the
/// features' areas; otherwise — and for messy data — OverlayNG unions two spatial halves in parallel and then joins
/// them. The holes' widths are measured in parallel; holes come back ordered by their first neighbour (layer order),
/// then by position.
/// </para>
/// </summary>
internal static class GapFinder
{
    public sealed record Hole(Polygon Shape, double WidthM, int[] Neighbours);

    public sealed record Outcome(List<Hole> Gaps, int WideCount, double WideAreaM2, string UnionMethod);

    /// <summary>Features count as neighbours of a hole when they come within this distance (metres) of it.</summary>
    private const double NeighbourDistance = 0.001;

    public static Outcome Find(PreparedLayer layer, double? maxWidth, bool cleanCoverage, int parallelism,
        IProgress<double>? progress, CancellationToken ct)
    {
        var polygons = new List<Geometry>();
        for (var i = 0; i < layer.Count; i++)
            if (layer.Analysed[i] is { } g) polygons.Add(g);
        if (polygons.Count == 0) return new Outcome([], 0, 0, "none");

        var factory = GeometryKit.Factory(layer.Layer.Srid);
        var (union, method) = Union(polygons, factory, cleanCoverage, parallelism, ct);
        progress?.Report(0.6);

        var rings = new List<LinearRing>();
        for (var p = 0; p < union.NumGeometries; p++)
            if (union.GetGeometryN(p) is Polygon polygon)
                rings.AddRange(polygon.InteriorRings.Cast<LinearRing>());

        var holes = new Hole?[rings.Count];
        var wide = new double[rings.Count];
        var done = 0;
        Parallel.For(0, rings.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, r =>
        {
            var shape = factory.CreatePolygon(factory.CreateLinearRing(rings[r].CoordinateSequence.Copy()));
            if (Width(shape, maxWidth) is { } width) holes[r] = new Hole(shape, width, Neighbours(layer, shape));
            else wide[r] = shape.Area;
            var d = Interlocked.Increment(ref done);
            if (progress is not null && (d & 63) == 0) progress.Report(0.6 + 0.4 * d / rings.Count);
        });
        progress?.Report(1.0);
        // By their first neighbour in layer order, then west to east, south to north.
        var gaps = holes.Where(h => h is not null).Select(h => h!)
            .OrderBy(h => h.Neighbours.Length > 0 ? h.Neighbours[0] : int.MaxValue)
            .ThenBy(h => h.Shape.EnvelopeInternal.MinX).ThenBy(h => h.Shape.EnvelopeInternal.MinY).ToList();
        return new Outcome(gaps, wide.Count(a => a > 0), wide.Sum(), method);
    }

    /// <summary>
    /// Null when the hole is wider than the limit; else its MIC diameter for the report, found to a tolerance of a
    /// twentieth of the limit (without a limit, a thousandth of the hole's size, PostGIS ST_MaximumInscribedCircle's default).
    /// </summary>
    private static double? Width(Polygon hole, double? maxWidth)
    {
        if (maxWidth is { } limit)
            return HoleWidth.IsWithin(hole, limit) ? Math.Min(limit, HoleWidth.Approximate(hole, limit / 20)) : null;
        var envelope = hole.EnvelopeInternal;
        return HoleWidth.Approximate(hole, Math.Max(envelope.Width, envelope.Height) / 1000);
    }

    private static int[] Neighbours(PreparedLayer layer, Polygon hole)
    {
        var search = hole.EnvelopeInternal.Copy();
        search.ExpandBy(NeighbourDistance);
        var around = new List<int>();
        foreach (var i in layer.Tree.Query(search))
            if (layer.Analysed[i]!.IsWithinDistance(hole, NeighbourDistance)) around.Add(i);
        around.Sort();
        return around.ToArray();
    }

    private static (Geometry Union, string Method) Union(List<Geometry> polygons, GeometryFactory factory, bool cleanCoverage, int parallelism, CancellationToken ct)
    {
        if (cleanCoverage)
        {
            try
            {
                var coverage = CoverageUnion.Union(factory.BuildGeometry(polygons));
                var sum = polygons.Sum(p => p.Area);
                if (coverage is IPolygonal && Math.Abs(coverage.Area - sum) <= 1e-9 * sum && coverage.IsValid)
                    return (coverage, "coverage union (shared edges matched)");
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                // Vertices that do not match across shared edges defeat edge matching: fall back to overlay.
            }
        }
        ct.ThrowIfCancellationRequested();

        if (polygons.Count < 64) return (UnionOf(polygons, factory), "OverlayNG union");

        // Two spatial halves (by envelope centre, west to east) unioned side by side, then joined. The halves are the
        // same on one thread, so the union — and the order of its holes — does not depend on the thread count.
        var ordered = polygons.OrderBy(p => p.EnvelopeInternal.Centre.X).ThenBy(p => p.EnvelopeInternal.Centre.Y).ToList();
        var half = ordered.Count / 2;
        Geometry? west = null, east = null;
        Parallel.Invoke(new ParallelOptions { MaxDegreeOfParallelism = Math.Min(2, parallelism), CancellationToken = ct },
            () => west = UnionOf(ordered.GetRange(0, half), factory),
            () => east = UnionOf(ordered.GetRange(half, ordered.Count - half), factory));
        return (PreparedLayer.Polygonal(OverlayNGRobust.Overlay(west!, east!, NetTopologySuite.Operation.Overlay.SpatialFunction.Union))
                ?? factory.CreatePolygon(), "OverlayNG union");
    }

    private static Geometry UnionOf(List<Geometry> polygons, GeometryFactory factory) =>
        PreparedLayer.Polygonal(OverlayNGRobust.Union(factory.BuildGeometry(polygons))) ?? factory.CreatePolygon();
}
