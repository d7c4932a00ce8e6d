using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// The geometry a feature is overlaid as: itself when valid, otherwise its repaired copy
/// (<see cref="GeometryValidator.Repair"/>) with a note saying what was wrong and where. Only features that are
/// overlaid are validated; identical pairs never are (their area is their own, whatever their validity).
/// </summary>
internal static class WorkingGeometry
{
    public static (Geometry Geometry, string? Problem) Of(Geometry shape)
    {
        TopologyValidationError? error;
        try
        {
            error = new IsValidOp(shape).ValidationError;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (Repair(shape), $"validity could not be checked ({e.GetType().Name})");
        }
        if (error is null) return (shape, null);
        var c = error.Coordinate;
        var where = c is null ? "" : FormattableString.Invariant($" at ({c.X:0.###}, {c.Y:0.###})");
        return (Repair(shape), error.Message + where);
    }

    private static Geometry Repair(Geometry shape)
    {
        try
        {
            return GeometryValidator.Repair(shape);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return shape; // overlay it as it is; a failure is noted there
        }
    }
}
