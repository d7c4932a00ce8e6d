using NetTopologySuite.Geometries;

namespace OneBlueprint.Server.Reports;

/// <summary>
/// A control feature on the report map: its storage id (the one <c>FeatureOverlap.FeatureId</c> refers to), its geometry
/// in the working CRS, and an optional short label (DKBH, a name…) printed on the map.
/// </summary>
public sealed record ReportMapFeature(long Id, Geometry Geometry, string? Label = null);
