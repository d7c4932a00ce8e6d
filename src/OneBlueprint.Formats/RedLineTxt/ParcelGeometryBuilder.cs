using NetTopologySuite.Geometries;

namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// Builds the geometry of one parcel from its point lines. Consecutive lines with the same 圈号 form a
/// ring; the ring with the lowest 圈号 (normally 1) is the outer boundary and the others are holes
/// (扣除区). A ring that does not repeat its first point is closed here — common and harmless, so no
/// warning. Whether holes lie inside the shell is left to validation: disjoint shells numbered 2, 3…
/// cannot be told from holes. Coordinates become x = easting (Y column), y = northing (X column).
/// </summary>
internal sealed class ParcelGeometryBuilder(GeometryFactory factory, ProblemCollector problems)
{
    /// <summary>The geometry and the point counts a declared 点数 may legitimately mean; null geometry after an error.</summary>
    public (Geometry? Geometry, PointCounts Counts) Build(RawParcel parcel, ParcelShape shape)
    {
        var rings = SplitRings(parcel);
        var rows = parcel.Points.Count;
        var counts = rings is null
            ? new PointCounts(rows, rows, rows)
            : new PointCounts(rows, rings.Sum(r => OpenRing(r).Count), rings.Sum(r => OpenRing(r).Count + 1));
        if (rings is null || rings.Count == 0)
        {
            if (rings is not null)
                problems.Error(RedLineTxtCodes.EmptyParcel, $"{parcel.Header.Label} (header {parcel.Header.Line.Quoted}) has no point lines",
                    parcel.Header.Line.Number, "Add its point lines 点号,圈号,X,Y after the header, or remove the header.");
            return (null, counts);
        }
        return shape switch
        {
            ParcelShape.Point => (BuildPoints(parcel), counts),
            ParcelShape.Line => (BuildLines(parcel, rings), counts),
            _ => (BuildPolygon(parcel, rings), counts),
        };
    }

    private List<List<PointRow>>? SplitRings(RawParcel parcel)
    {
        var rings = new List<List<PointRow>>();
        var seen = new HashSet<int>();
        foreach (var point in parcel.Points)
        {
            if (rings.Count > 0 && rings[^1][0].Ring == point.Ring)
            {
                rings[^1].Add(point);
                continue;
            }
            if (!seen.Add(point.Ring))
            {
                problems.Error(RedLineTxtCodes.RingNotContiguous,
                    $"圈号 {point.Ring} of {parcel.Header.Label} starts again at {point.Line.Quoted} after other rings", point.Line.Number,
                    "Keep the point lines of each ring together, in order; give a separate ring (e.g. another hole) its own 圈号.");
                return null;
            }
            rings.Add([point]);
        }
        return rings;
    }

    private Geometry BuildPoints(RawParcel parcel)
    {
        var points = parcel.Points.Select(p => factory.CreatePoint(ToCoordinate(p))).ToArray();
        return points.Length == 1 ? points[0] : factory.CreateMultiPoint(points);
    }

    private Geometry? BuildLines(RawParcel parcel, List<List<PointRow>> rings)
    {
        var lines = new List<LineString>();
        foreach (var ring in rings)
        {
            var coordinates = ring.Select(ToCoordinate).ToArray();
            if (coordinates.Distinct().Count() < 2)
            {
                problems.Error(RedLineTxtCodes.RingTooSmall,
                    $"line {ring[0].Ring} of {parcel.Header.Label} has fewer than 2 distinct points", ring[0].Line.Number,
                    "A line (图形属性=线) needs at least two different points; add the missing point lines.");
                return null;
            }
            lines.Add(factory.CreateLineString(coordinates));
        }
        return lines.Count == 1 ? lines[0] : factory.CreateMultiLineString(lines.ToArray());
    }

    private Geometry? BuildPolygon(RawParcel parcel, List<List<PointRow>> rings)
    {
        var closed = new List<LinearRing>();
        foreach (var ring in rings)
        {
            var open = OpenRing(ring);
            if (open.Distinct().Count() < 3)
            {
                problems.Error(RedLineTxtCodes.RingTooSmall,
                    $"ring {ring[0].Ring} (圈号) of {parcel.Header.Label} has {open.Distinct().Count()} distinct points; a ring needs at least 3",
                    ring[0].Line.Number,
                    "Add the missing boundary points, or check the 圈号 column: each ring's points must share one 圈号.");
                return null;
            }
            closed.Add(factory.CreateLinearRing([.. open, open[0].Copy()]));
        }

        var shellIndex = rings.Select((r, i) => (r[0].Ring, i)).Min().i;
        if (rings[shellIndex][0].Ring != 1)
            problems.Warning(RedLineTxtCodes.RingNumbering,
                $"{parcel.Header.Label} has no ring 圈号 1; ring {rings[shellIndex][0].Ring} is taken as the outer boundary",
                rings[shellIndex][0].Line.Number, "Number the outer boundary 1 and holes 2, 3, ...");
        var holes = closed.Where((_, i) => i != shellIndex).ToArray();
        return factory.CreatePolygon(closed[shellIndex], holes);
    }

    /// <summary>The ring's distinct-in-sequence points, without a repeated closing point.</summary>
    private static List<Coordinate> OpenRing(List<PointRow> ring)
    {
        var coordinates = ring.Select(ToCoordinate).ToList();
        if (coordinates.Count > 1 && coordinates[0].Equals2D(coordinates[^1])) coordinates.RemoveAt(coordinates.Count - 1);
        return coordinates;
    }

    private static Coordinate ToCoordinate(PointRow p) => new(p.Easting, p.Northing);
}
