using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity.Base;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>Small regular shapes for sites and parcels, and cutting long shapes into tile-sized pieces.</summary>
public static class Shapes
{
    /// <summary>
    /// A rectangle of <paramref name="width"/> × <paramref name="height"/> turned by <paramref name="rotation"/>,
    /// its corners moved by up to <paramref name="jitter"/> of the shorter side (quadrilaterals of real sites are rarely square).
    /// </summary>
    public static Polygon Rectangle(GeometryFactory factory, Coordinate centre, double width, double height, double rotation, Random random, double jitter = 0.08)
    {
        var (cos, sin) = (Math.Cos(rotation), Math.Sin(rotation));
        var j = jitter * Math.Min(width, height);
        (double X, double Y)[] corners = [(-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2), (-width / 2, height / 2)];
        var ring = new Coordinate[5];
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = (corners[i].X + (random.NextDouble() - 0.5) * 2 * j, corners[i].Y + (random.NextDouble() - 0.5) * 2 * j);
            ring[i] = new Coordinate(centre.X + x * cos - y * sin, centre.Y + x * sin + y * cos);
        }
        ring[4] = ring[0].Copy();
        return factory.CreatePolygon(ring);
    }

    /// <summary>
    /// The polygonal <paramref name="shape"/> cut along a square grid of <paramref name="tile"/> metres
    /// (aligned on multiples of the tile size), as pieces of at least <paramref name="minArea"/>.
    /// The pieces do not overlap and together make the shape (less the dropped crumbs).
    /// </summary>
    public static IEnumerable<Polygon> CutIntoTiles(Geometry shape, double tile, double minArea)
    {
        var env = shape.EnvelopeInternal;
        var factory = shape.Factory;
        for (var x = Math.Floor(env.MinX / tile) * tile; x < env.MaxX; x += tile)
        for (var y = Math.Floor(env.MinY / tile) * tile; y < env.MaxY; y += tile)
        {
            var cell = factory.ToGeometry(new Envelope(x, x + tile, y, y + tile));
            if (!cell.Intersects(shape)) continue;
            foreach (var p in GeometryParts.Polygons(shape.Intersection(cell)))
                if (p.Area >= minArea)
                    yield return p;
        }
    }
}
