using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace OneBlueprint.Engines.Indexing;

/// <summary>
/// Cuts a valid polygon with many vertices into pieces of at most about <c>maxVertices</c> vertices, the idea of
/// PostGIS ST_Subdivide. The pieces do not overlap and together cover the polygon (up to the rounding of the clip
/// vertices), so areas measured on the pieces add up to the polygon's. Each piece records which of its sides are
/// cut lines (<see cref="CutSides"/>).
/// <para>
/// ST_Subdivide halves recursively; OverlayNG costs ~10 µs per output vertex, so halving (one full noding per level,
/// ~7 levels for 12,000 vertices) takes about a second per big redline. Here each round cuts the envelope into a grid
/// of up to 4×4 cells shaped like the envelope and clips each cell with OverlayNG (whose clipping-envelope
/// optimisation drops edges outside the cell before noding); pieces still over the limit go another round. Two
/// rounds cover 20,000 vertices, and the per-cell scans of the parent stay cheap because fan-out is bounded.
/// Throws when a clip fails (numerically hard input); see <see cref="ControlLayerIndex"/>, which then keeps the polygon whole.
/// </para>
/// </summary>
internal static class PolygonSubdivider
{
    /// <summary>A piece still over the limit after this many rounds (a pathological spike) stays as it is.</summary>
    private const int MaxDepth = 8;

    public static List<(Polygon Piece, CutSides Cuts)> Subdivide(Polygon polygon, int maxVertices)
    {
        var pieces = new List<(Polygon, CutSides)>();
        Split(polygon, CutSides.None, maxVertices, 0, pieces);
        return pieces;
    }

    private static void Split(Polygon polygon, CutSides cuts, int maxVertices, int depth, List<(Polygon, CutSides)> pieces)
    {
        var n = polygon.NumPoints;
        var env = polygon.EnvelopeInternal;
        if (n <= maxVertices || depth >= MaxDepth || env.Width <= 0 || env.Height <= 0)
        {
            pieces.Add((polygon, cuts));
            return;
        }
        var cells = Math.Clamp((int)Math.Ceiling(n / (maxVertices / 2.0)), 2, 16);
        var columns = Math.Clamp((int)Math.Round(Math.Sqrt(cells * env.Width / env.Height)), 1, cells);
        var rows = Math.Max(1, (int)Math.Ceiling((double)cells / columns));
        if (columns * rows < 2) columns = 2;

        // Outer sides reach beyond the polygon so only the cut lines can coincide with its edges.
        var margin = Math.Max(env.Width, env.Height) * 0.01 + 1;
        for (var row = 0; row < rows; row++)
        for (var column = 0; column < columns; column++)
        {
            var x0 = env.MinX + env.Width * column / columns;
            var x1 = column == columns - 1 ? env.MaxX : env.MinX + env.Width * (column + 1) / columns;
            var y0 = env.MinY + env.Height * row / rows;
            var y1 = row == rows - 1 ? env.MaxY : env.MinY + env.Height * (row + 1) / rows;
            var cellCuts = new CutSides(
                column == 0 ? cuts.Left : x0, column == columns - 1 ? cuts.Right : x1,
                row == 0 ? cuts.Bottom : y0, row == rows - 1 ? cuts.Top : y1);
            var box = new Envelope(
                column == 0 ? x0 - margin : x0, column == columns - 1 ? x1 + margin : x1,
                row == 0 ? y0 - margin : y0, row == rows - 1 ? y1 + margin : y1);
            // Plain floating OverlayNG, not OverlayNGRobust: when floating noding fails, the robust fallbacks snap
            // vertices, and snapped pieces would no longer add up to the polygon. The exception lets the caller
            // index the polygon whole instead: slower, never wrong.
            var clipped = OverlayNG.Overlay(polygon, polygon.Factory.ToGeometry(box), SpatialFunction.Intersection);
            foreach (var part in PolygonExtracter.GetPolygons(clipped).Cast<Polygon>())
                if (!part.IsEmpty && part.Area > 0)
                    Split(part, cellCuts, maxVertices, depth + 1, pieces);
        }
    }
}
