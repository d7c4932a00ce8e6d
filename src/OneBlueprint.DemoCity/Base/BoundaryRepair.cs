using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Base;

/// <summary>
/// Repairs the real DataV district polygons (some self-intersect) so the demo imports cleanly; the one
/// place the generator repairs real data, through <see cref="GeometryValidator.Repair"/>. The loader
/// records every repair in the layer's metadata.
/// </summary>
public static class BoundaryRepair
{
    /// <summary>The geometry itself when valid, else a valid polygonal repair of it.</summary>
    public static Geometry Repair(Geometry geometry) =>
        geometry.IsValid ? geometry : GeometryValidator.Repair(geometry);
}
