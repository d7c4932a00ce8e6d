using NetTopologySuite.Algorithm.Construct;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// How wide a hole is, by its maximum inscribed circle (MIC): the width test of JTS's CoverageGapFinder.
/// <para>
/// <see cref="IsWithin"/> decides "diameter ≤ limit" by branch and bound over square cells (as JTS
/// MaximumInscribedCircle.isRadiusWithin does; NetTopologySuite 2.5 lacks it): a cell whose centre is deeper inside
/// than the limit answers "wider" at once, cells that cannot hold a deeper point are dropped, and the search ends
/// when none is left. Long thin slivers — most gaps between neighbours — are decided within a few cells, where
/// computing their exact MIC would split cells along the whole sliver.
/// </para>
/// <para>
/// <see cref="Approximate"/> gives the diameter for reports, from NetTopologySuite's MaximumInscribedCircle with a
/// coarse tolerance: within <c>tolerance</c> below the true value.
/// </para>
/// </summary>
internal static class HoleWidth
{
    public static bool IsWithin(Polygon hole, double maxWidth)
    {
        var maxRadius = maxWidth / 2;
        var envelope = hole.EnvelopeInternal;
        if (hole.IsEmpty || Math.Min(envelope.Width, envelope.Height) <= maxWidth) return true; // the circle must fit in the box

        var locator = new IndexedPointInAreaLocator(hole);
        var boundary = new IndexedFacetDistance(hole.Boundary);
        var factory = hole.Factory;
        double Depth(double x, double y)
        {
            var c = new Coordinate(x, y);
            var d = boundary.Distance(factory.CreatePoint(c));
            return locator.Locate(c) == Location.Exterior ? -d : d;
        }

        var interior = hole.InteriorPoint.Coordinate;
        if (interior is not null && Depth(interior.X, interior.Y) > maxRadius) return false;

        // Cells by the deepest point they could hold (centre depth + half diagonal), deepest first.
        var queue = new PriorityQueue<(double X, double Y, double Half), double>();
        var minHalf = maxRadius / 1000;
        var wider = false;
        void Push(double x, double y, double half)
        {
            var depth = Depth(x, y);
            if (depth > maxRadius) wider = true;
            var bound = depth + half * Math.Sqrt(2);
            if (bound > maxRadius && half > minHalf) queue.Enqueue((x, y, half), -bound);
        }
        Push(envelope.Centre.X, envelope.Centre.Y, Math.Max(envelope.Width, envelope.Height) / 2);
        while (!wider && queue.TryDequeue(out var cell, out _))
        {
            var h = cell.Half / 2;
            Push(cell.X - h, cell.Y - h, h);
            Push(cell.X + h, cell.Y - h, h);
            Push(cell.X - h, cell.Y + h, h);
            Push(cell.X + h, cell.Y + h, h);
        }
        return !wider;
    }

    /// <summary>MIC diameter, at most 2 × <paramref name="tolerance"/> below the true one.</summary>
    public static double Approximate(Polygon hole, double tolerance)
    {
        if (hole.IsEmpty || !(tolerance > 0)) return 0;
        return 2 * new MaximumInscribedCircle(hole, tolerance).GetRadiusLine().Length;
    }
}
