using NetTopologySuite.Geometries;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>
/// Orientation of a closed ring by the shoelace formula: positive area is counterclockwise (x east, y
/// north). Coordinates are taken relative to the first vertex, so 8-digit Gauss-Krüger eastings do not
/// cancel away the digits that decide the sign.
/// </summary>
internal static class RingWinding
{
    public static double SignedArea(CoordinateSequence ring)
    {
        var n = ring.Count;
        if (n < 3) return 0;
        double x0 = ring.GetX(0), y0 = ring.GetY(0), sum = 0;
        double px = 0, py = 0;
        for (var i = 1; i < n; i++)
        {
            double x = ring.GetX(i) - x0, y = ring.GetY(i) - y0;
            sum += px * y - x * py;
            (px, py) = (x, y);
        }
        return sum / 2;
    }
}
