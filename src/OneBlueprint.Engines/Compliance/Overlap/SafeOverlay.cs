using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace OneBlueprint.Engines.Compliance.Overlap;

/// <summary>
/// Intersection with OverlayNGRobust — floating precision first, then snapping, then snap-rounding, the same
/// strategy as GEOS behind PostGIS ST_Intersection, so areas agree with PostGIS to ~1e-12 — and, when even that
/// throws (invalid input can make it), a second try on a repaired copy. Never throws: a failure is reported.
/// Only the polygonal part of a result is kept (touching boundaries give lines and points, which have no area).
/// </summary>
internal static class SafeOverlay
{
    public readonly record struct Outcome(Geometry? Result, bool Repaired, string? Failure);

    public static Outcome Intersection(Geometry a, Geometry b, Func<Geometry>? repairedA)
    {
        try
        {
            return new Outcome(Polygonal(OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection)), false, null);
        }
        catch (Exception first) when (first is not OutOfMemoryException)
        {
            if (repairedA is null) return new Outcome(null, false, $"{first.GetType().Name}: {first.Message}");
            try
            {
                return new Outcome(Polygonal(OverlayNGRobust.Overlay(repairedA(), b, SpatialFunction.Intersection)), true,
                    $"{first.GetType().Name}: {first.Message}");
            }
            catch (Exception second) when (second is not OutOfMemoryException)
            {
                return new Outcome(null, true, $"{first.GetType().Name}: {first.Message}; on the repaired copy {second.GetType().Name}: {second.Message}");
            }
        }
    }

    /// <summary>Length of <paramref name="lines"/> inside <paramref name="area"/>; 0 when the overlay fails (used for tolerances only).</summary>
    public static double LengthInside(Geometry lines, Geometry area)
    {
        try
        {
            return OverlayNGRobust.Overlay(lines, area, SpatialFunction.Intersection).Length;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return 0;
        }
    }

    /// <summary>Union of polygonal parts (non-overlapping pieces of one feature, or a layer's parts).</summary>
    public static Geometry Union(IReadOnlyList<Geometry> parts, GeometryFactory factory)
    {
        if (parts.Count == 1) return parts[0];
        var collection = factory.BuildGeometry(parts);
        try
        {
            return Polygonal(OverlayNGRobust.Union(collection));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Polygonal(collection); // overlapping parts stay separate rather than failing the check
        }
    }

    public static Outcome Difference(Geometry a, Geometry b)
    {
        try
        {
            return new Outcome(Polygonal(OverlayNGRobust.Overlay(a, b, SpatialFunction.Difference)), false, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Outcome(null, false, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The polygons of a geometry as a Polygon or MultiPolygon (empty Polygon when there are none).</summary>
    public static Geometry Polygonal(Geometry g)
    {
        if (g is Polygon or MultiPolygon) return g;
        var polygons = PolygonExtracter.GetPolygons(g).Cast<Polygon>().Where(p => !p.IsEmpty).ToArray();
        return polygons.Length switch
        {
            0 => g.Factory.CreatePolygon(),
            1 => polygons[0],
            _ => g.Factory.CreateMultiPolygon(polygons),
        };
    }

    /// <summary>Boundary length of the polygonal parts only.</summary>
    public static double Perimeter(Geometry polygonal) => Polygonal(polygonal).Length;
}
