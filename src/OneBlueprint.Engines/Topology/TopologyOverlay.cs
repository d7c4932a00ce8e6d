using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// The overlays the topology checks need, through OverlayNGRobust (floating precision, then snapping, then
/// snap-rounding: the strategy of GEOS behind PostGIS ST_Intersection, so areas agree with PostGIS), keeping only
/// polygonal results: neighbours that merely touch give lines and points, which are no overlap.
/// </summary>
internal static class TopologyOverlay
{
    /// <summary>The polygonal part of a ∩ b; null when it has no area or the overlay fails (then <paramref name="failure"/> says why).</summary>
    public static Geometry? SharedArea(Geometry a, Geometry b, out string? failure)
    {
        failure = null;
        try
        {
            var shared = PreparedLayer.Polygonal(OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection));
            return shared is null || shared.Area <= 0 ? null : shared;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
            return null;
        }
    }
}
