using NetTopologySuite.Geometries;

namespace OneBlueprint.DemoCity.Base;

/// <summary>Taking polygonal results of overlay and repair apart and back together.</summary>
public static class GeometryParts
{
    /// <summary>The non-empty polygons inside any geometry (collections are walked, lines and points dropped).</summary>
    public static IEnumerable<Polygon> Polygons(Geometry g)
    {
        if (g is Polygon single)
        {
            if (!single.IsEmpty) yield return single;
            yield break;
        }
        if (g is not GeometryCollection) yield break; // lines and points: nothing polygonal
        for (var i = 0; i < g.NumGeometries; i++)
            foreach (var p in Polygons(g.GetGeometryN(i)))
                yield return p;
    }

    /// <summary>The polygonal content of a geometry as one MultiPolygon (possibly empty).</summary>
    public static MultiPolygon AsMultiPolygon(Geometry g) =>
        g as MultiPolygon ?? g.Factory.CreateMultiPolygon(Polygons(g).ToArray());

    /// <summary>The polygonal content as a Polygon when there is one part, else a MultiPolygon.</summary>
    public static Geometry Polygonal(Geometry g)
    {
        var parts = Polygons(g).ToArray();
        return parts.Length == 1 ? parts[0] : g.Factory.CreateMultiPolygon(parts);
    }

    /// <summary>The lines inside any geometry.</summary>
    public static IEnumerable<LineString> Lines(Geometry g)
    {
        if (g is LineString single)
        {
            if (!single.IsEmpty) yield return single;
            yield break;
        }
        if (g is not GeometryCollection) yield break;
        for (var i = 0; i < g.NumGeometries; i++)
            foreach (var l in Lines(g.GetGeometryN(i)))
                yield return l;
    }

    /// <summary>Polygon parts smaller than <paramref name="minArea"/> dropped (slivers left by clipping).</summary>
    public static Geometry DropSmallParts(Geometry g, double minArea) =>
        Polygonal(g.Factory.CreateMultiPolygon(Polygons(g).Where(p => p.Area >= minArea).ToArray()));
}
