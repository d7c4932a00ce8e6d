namespace OneBlueprint.Engines.Indexing;

/// <summary>
/// Which sides of a subdivision piece are cut lines (NaN where the side is not a cut). A piece edge lying on a cut
/// line is not part of its feature's boundary: the kernel still integrates area along it (the piece must close)
/// but does not count it in boundary lengths.
/// </summary>
internal readonly record struct CutSides(double Left, double Right, double Bottom, double Top)
{
    public static CutSides None { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN);

    public bool IsNone => double.IsNaN(Left) && double.IsNaN(Right) && double.IsNaN(Bottom) && double.IsNaN(Top);

    /// <summary>Whether the edge (x0, y0)–(x1, y1) lies along one of the cut lines.</summary>
    public bool IsCut(double x0, double y0, double x1, double y1) =>
        On(x0, Left) && On(x1, Left) || On(x0, Right) && On(x1, Right) ||
        On(y0, Bottom) && On(y1, Bottom) || On(y0, Top) && On(y1, Top);

    // Clip vertices are computed intersections, so they may sit an ulp or two off the cut line.
    private static bool On(double v, double cut) => !double.IsNaN(cut) && Math.Abs(v - cut) <= 1e-12 * Math.Max(1.0, Math.Abs(cut));
}
