using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// Why a geometry is invalid and where, as NetTopologySuite's IsValidOp says on the geometry as a whole — the same
/// algorithm, the same first error and the same words as GEOS behind PostGIS ST_IsValidReason ("Self-intersection"
/// at x y). <see cref="Code"/> is the code OneBlueprint uses for the same error in input problems.
/// </summary>
public sealed record InvalidGeometry(string Reason, string Code, Coordinate? Location)
{
    /// <summary>Null when <paramref name="geometry"/> is valid (an empty geometry is valid).</summary>
    public static InvalidGeometry? Of(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (new IsValidOp(geometry).ValidationError is not { } error) return null;
        var c = error.Coordinate;
        var location = c is not null && double.IsFinite(c.X) && double.IsFinite(c.Y) ? new Coordinate(c.X, c.Y) : null;
        return new InvalidGeometry(error.Message, CodeOf(error.ErrorType), location);
    }

    private static string CodeOf(TopologyValidationErrors type) => type switch
    {
        TopologyValidationErrors.SelfIntersection => "geometry.self_intersection",
        TopologyValidationErrors.RingSelfIntersection => "geometry.ring_self_intersection",
        TopologyValidationErrors.HoleOutsideShell => "geometry.hole_outside_shell",
        TopologyValidationErrors.NestedHoles => "geometry.nested_holes",
        TopologyValidationErrors.DisconnectedInteriors => "geometry.disconnected_interior",
        TopologyValidationErrors.NestedShells => "geometry.nested_shells",
        TopologyValidationErrors.DuplicateRings => "geometry.duplicate_rings",
        TopologyValidationErrors.TooFewPoints => "geometry.too_few_points",
        TopologyValidationErrors.InvalidCoordinate => "geometry.invalid_coordinate",
        TopologyValidationErrors.RingNotClosed => "geometry.ring_not_closed",
        _ => "geometry.invalid",
    };
}
