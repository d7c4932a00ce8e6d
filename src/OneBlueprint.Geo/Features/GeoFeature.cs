using NetTopologySuite.Geometries;

namespace OneBlueprint.Geo.Features;

/// <summary>
/// One feature as every format reads and writes it: a geometry and its attributes, kept whole and in
/// their original order. Attribute values are string, long, double, bool, DateOnly, DateTime or null.
/// </summary>
public sealed class GeoFeature
{
    public GeoFeature(Geometry geometry) => Geometry = geometry;

    /// <summary>Identifier from the source (GeoJSON id, FID, 地块编号), if any.</summary>
    public string? Id { get; set; }

    /// <summary>Coordinates are always easting/longitude first (x), northing/latitude second (y).</summary>
    public Geometry Geometry { get; set; }

    public OrderedDictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Where the feature came from (line of a TXT parcel header, record number of a shapefile), for messages.</summary>
    public SourceLocation? Source { get; set; }
}
