namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// Ways to count a parcel's points, each of which files use for 点数: every point line, the points
/// without closing repeats, and the points with every ring closed.
/// </summary>
internal readonly record struct PointCounts(int Rows, int Open, int Closed)
{
    public bool Matches(long declared) => declared == Rows || declared == Open || declared == Closed;
}
