using NetTopologySuite.Geometries;

namespace OneBlueprint.Engines.Assessment.Registry;

/// <summary>
/// One published version of an assessment area (区域评估单元, a QYPGXXB row): its unit code (QYPGDYBM) and version,
/// name (QYPGQYMC), scope description (QYPGFWMS), the polygonal area in the working CRS (QYPGFWZBXX) and the results
/// of its items. <see cref="Id"/> is the store's id of this version.
/// </summary>
public sealed record AssessmentArea
{
    public long Id { get; init; }
    public required string UnitCode { get; init; }
    public int Version { get; init; } = 1;
    public required string Name { get; init; }
    public string? Scope { get; init; }

    /// <summary>Polygon or MultiPolygon in the working CRS.</summary>
    public required Geometry Geometry { get; init; }

    public required IReadOnlyList<AssessedItem> Items { get; init; }

    public string Label => $"{Name} ({UnitCode} v{Version})";
}
