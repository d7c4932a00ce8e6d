using NetTopologySuite.Geometries;

namespace OneBlueprint.Geo.Crs;

public static class EnvelopeReprojection
{
    /// <summary>
    /// The envelope, in another CRS, of a box's outline sampled at <paramref name="pointsPerSide"/> points a side.
    /// Two corners are not enough: a lon/lat box is curved in Gauss-Krüger and in Web Mercator, and the other way
    /// round. Points that do not transform to finite numbers are left out.
    /// </summary>
    public static Envelope Transform(Envelope box, int fromSrid, int toSrid, int pointsPerSide = 16)
    {
        if (fromSrid == toSrid) return box.Copy();
        var xs = new double[pointsPerSide * 4];
        var ys = new double[pointsPerSide * 4];
        for (var i = 0; i < pointsPerSide; i++)
        {
            var t = (double)i / pointsPerSide;
            (xs[i], ys[i]) = (box.MinX + t * box.Width, box.MinY);
            (xs[pointsPerSide + i], ys[pointsPerSide + i]) = (box.MaxX, box.MinY + t * box.Height);
            (xs[2 * pointsPerSide + i], ys[2 * pointsPerSide + i]) = (box.MaxX - t * box.Width, box.MaxY);
            (xs[3 * pointsPerSide + i], ys[3 * pointsPerSide + i]) = (box.MinX, box.MaxY - t * box.Height);
        }
        Reprojector.Transform(xs, ys, fromSrid, toSrid);
        var result = new Envelope();
        for (var i = 0; i < xs.Length; i++)
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i])) result.ExpandToInclude(xs[i], ys[i]);
        return result;
    }
}
