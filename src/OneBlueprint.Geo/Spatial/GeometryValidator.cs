using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Geo.Spatial;

/// <summary>
/// Says what is wrong with a geometry in OGC terms (NetTopologySuite's IsValidOp), where, and how to fix it;
/// and repairs on request. It does not judge whether the geometry type suits its use (a polygon layer given
/// lines): that is the caller's business.
/// <para>
/// IsValidOp stops at the first error, so each polygon or other part of a collection is checked on its own
/// (one problem per broken part, each with its coordinate); only when every part is valid is the whole
/// checked for errors between parts (overlapping or nested shells of a multipolygon). An empty geometry is a
/// warning, not an error: it is valid, but usually a mistake in the source.
/// </para>
/// </summary>
public static class GeometryValidator
{
    /// <summary>Problems of <paramref name="geometry"/>; <paramref name="where"/> is copied into each with the error's coordinate as X/Y.</summary>
    public static IReadOnlyList<InputProblem> Check(Geometry geometry, SourceLocation? where)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.IsEmpty)
            return [InputProblem.Warning("geometry.empty", $"the {geometry.GeometryType} is empty (it has no coordinates)", where,
                "Give the feature its coordinates, or remove it from the file.")];

        var problems = new List<InputProblem>();
        var parts = geometry.NumGeometries;
        if (geometry is GeometryCollection && parts > 1)
        {
            for (var i = 0; i < parts; i++)
            {
                var part = geometry.GetGeometryN(i);
                if (part.IsEmpty) continue;
                if (new IsValidOp(part).ValidationError is { } error)
                    problems.Add(Describe(error, where, $"part {i + 1} of {parts}: "));
            }
            if (problems.Count > 0) return problems;
        }
        if (new IsValidOp(geometry).ValidationError is { } whole)
            problems.Add(Describe(whole, where, ""));
        return problems;
    }

    /// <summary>
    /// A valid version of <paramref name="geometry"/> made by NetTopologySuite's GeometryFixer (collapsed parts
    /// dropped, not kept as lines or points). Polygonal input gives polygonal output — a Polygon or MultiPolygon,
    /// empty if nothing with area is left — so the result still fits a polygon layer. Same factory and SRID.
    /// </summary>
    public static Geometry Repair(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var fixer = new GeometryFixer(geometry) { KeepCollapsed = false, KeepMulti = true };
        var repaired = fixer.GetResult();
        if (geometry is IPolygonal && repaired is not IPolygonal)
        {
            var polygons = PolygonExtracter.GetPolygons(repaired).Cast<Polygon>().ToArray();
            repaired = polygons.Length == 1 && geometry is Polygon
                ? polygons[0]
                : geometry.Factory.CreateMultiPolygon(polygons);
        }
        repaired.SRID = geometry.SRID;
        return repaired;
    }

    private static InputProblem Describe(TopologyValidationError error, SourceLocation? where, string prefix)
    {
        var c = error.Coordinate;
        var location = c is not null && double.IsFinite(c.X) && double.IsFinite(c.Y)
            ? (where ?? new SourceLocation(null)) with { X = c.X, Y = c.Y }
            : where;
        var (code, what, fix) = error.ErrorType switch
        {
            TopologyValidationErrors.SelfIntersection => ("geometry.self_intersection",
                "the boundary crosses itself (自相交) or two rings/parts overlap",
                "Move the vertices so that edges meet only at shared vertices; where two parts overlap, merge or split them. Or repair the geometry (it is then split along the crossing)."),
            TopologyValidationErrors.RingSelfIntersection => ("geometry.ring_self_intersection",
                "a ring touches or crosses itself (a 'bow-tie' or a loop)",
                "Remove the loop, or split the ring at the touching point into separate rings or parcels."),
            TopologyValidationErrors.HoleOutsideShell => ("geometry.hole_outside_shell",
                "a hole (扣除区, 圈号 2, 3…) lies outside its outer ring",
                "Check the ring numbers (圈号): the hole may belong to another parcel, or its coordinates may be in another zone or swapped."),
            TopologyValidationErrors.NestedHoles => ("geometry.nested_holes",
                "a hole lies inside another hole",
                "Remove the inner hole, or make it a separate parcel (an island inside a hole is another polygon)."),
            TopologyValidationErrors.DisconnectedInteriors => ("geometry.disconnected_interior",
                "holes touch each other or the outer ring so that they cut the polygon in pieces",
                "Make the pieces separate parcels (a multipolygon), or move the holes apart."),
            TopologyValidationErrors.NestedShells => ("geometry.nested_shells",
                "one part of the multipolygon lies inside another part",
                "Turn the inner part into a hole of the outer one, or remove it if it is a duplicate."),
            TopologyValidationErrors.DuplicateRings => ("geometry.duplicate_rings",
                "two rings are identical",
                "Remove the duplicated ring (often a parcel listed twice)."),
            TopologyValidationErrors.TooFewPoints => ("geometry.too_few_points",
                "a ring or line has too few distinct points (a ring needs at least 3 distinct corners, a line 2)",
                "Add the missing boundary points, or remove the degenerate ring or line (check that rows were not lost)."),
            TopologyValidationErrors.InvalidCoordinate => ("geometry.invalid_coordinate",
                "a coordinate is not a number (NaN or infinite)",
                "Fix the coordinate value in the source (an empty or non-numeric field?)."),
            TopologyValidationErrors.RingNotClosed => ("geometry.ring_not_closed",
                "a ring does not end at its first point",
                "Repeat the first point at the end of the ring."),
            _ => ("geometry.invalid",
                $"the geometry is invalid ({error.Message})",
                "Check the boundary near this point, or repair the geometry."),
        };
        return InputProblem.Error(code, prefix + what, location, fix);
    }
}
