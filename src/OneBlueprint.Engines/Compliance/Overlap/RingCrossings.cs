using NetTopologySuite.Algorithm;

namespace OneBlueprint.Engines.Compliance.Overlap;

/// <summary>
/// Point-in-polygon by counting the crossings of a ray towards +x, the rules of NTS's RayCrossingCounter with the
/// same robust orientation predicate (so a point exactly on a ring is reported as on the boundary, never guessed).
/// </summary>
internal static class RingCrossings
{
    public const int Exterior = -1;
    public const int Boundary = 0;
    public const int Interior = 1;

    /// <summary>Adds the segment (x1, y1)–(x2, y2) to the count for point (px, py); returns false when the point lies on it.</summary>
    public static bool Count(double px, double py, double x1, double y1, double x2, double y2, ref int crossings)
    {
        if (x1 < px && x2 < px) return true;
        if (px == x2 && py == y2) return false;
        if (y1 == py && y2 == py)
            return !(px >= Math.Min(x1, x2) && px <= Math.Max(x1, x2));
        if (y1 > py && y2 <= py || y2 > py && y1 <= py)
        {
            var orientation = CGAlgorithmsDD.OrientationIndex(x1, y1, x2, y2, px, py);
            if (orientation == 0) return false;
            if (y2 < y1) orientation = -orientation;
            if (orientation > 0) crossings++;
        }
        return true;
    }
}
