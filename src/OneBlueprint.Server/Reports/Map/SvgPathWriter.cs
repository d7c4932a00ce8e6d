using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;

namespace OneBlueprint.Server.Reports.Map;

/// <summary>
/// Writes geometries as SVG path data in the frame's pixel space, 0.1 px precision: rings as <c>M…L…Z</c> (holes
/// are rings of the same path, drawn with fill-rule evenodd), lines as <c>M…L…</c>, points as tiny circles.
/// Consecutive vertices that round to the same spot are written once, which keeps paths short at small scales.
/// </summary>
internal static class SvgPathWriter
{
    public static string PathData(Geometry geometry, MapFrame frame)
    {
        var sb = new StringBuilder();
        Append(sb, geometry, frame);
        return sb.ToString();
    }

    /// <summary>Number of vertices written into a path (for tests and size budgets): the M and L pairs.</summary>
    public static int VertexCount(string pathData) =>
        pathData.Split(['M', 'L', ' ', 'Z'], StringSplitOptions.RemoveEmptyEntries).Count(t => t.Contains(','));

    private static void Append(StringBuilder sb, Geometry geometry, MapFrame frame)
    {
        switch (geometry)
        {
            case Polygon polygon:
                if (polygon.IsEmpty) return;
                AppendLine(sb, polygon.ExteriorRing.CoordinateSequence, frame, close: true);
                foreach (var hole in polygon.InteriorRings) AppendLine(sb, hole.CoordinateSequence, frame, close: true);
                break;
            case LineString line:
                AppendLine(sb, line.CoordinateSequence, frame, close: line is LinearRing);
                break;
            case Point point:
                if (point.IsEmpty) return;
                var x = Round(frame.ToSvgX(point.X));
                var y = Round(frame.ToSvgY(point.Y));
                sb.Append('M').Append(Num(x - 2)).Append(',').Append(Num(y)).Append("a2,2 0 1,0 4,0a2,2 0 1,0 -4,0");
                break;
            case GeometryCollection collection:
                for (var i = 0; i < collection.NumGeometries; i++) Append(sb, collection.GetGeometryN(i), frame);
                break;
        }
    }

    private static void AppendLine(StringBuilder sb, CoordinateSequence sequence, MapFrame frame, bool close)
    {
        var count = sequence.Count;
        if (count == 0) return;
        if (close && count > 1 && sequence.GetX(0) == sequence.GetX(count - 1) && sequence.GetY(0) == sequence.GetY(count - 1))
            count--; // Z closes the ring: the repeated first point is not written
        double lastX = double.NaN, lastY = double.NaN;
        var written = 0;
        for (var i = 0; i < count; i++)
        {
            var x = Round(frame.ToSvgX(sequence.GetX(i)));
            var y = Round(frame.ToSvgY(sequence.GetY(i)));
            if (x == lastX && y == lastY) continue;
            sb.Append(written == 0 ? 'M' : written == 1 ? 'L' : ' ');
            sb.Append(Num(x)).Append(',').Append(Num(y));
            lastX = x;
            lastY = y;
            written++;
        }
        if (close && written > 0) sb.Append('Z');
    }

    private static double Round(double v) => Math.Round(v, 1, MidpointRounding.AwayFromZero);

    internal static string Num(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
