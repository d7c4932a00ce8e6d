using NetTopologySuite.Geometries;

namespace OneBlueprint.Server.Tiles;

/// <summary>
/// What the renderer needs of one feature, whichever store it comes from (PostGIS rows decoded for the tile, or the
/// in-memory blueprint's features): the MVT id, the geometry in the source CRS and the attributes in order.
/// </summary>
public readonly record struct TileFeature(ulong? Id, Geometry Geometry, IEnumerable<KeyValuePair<string, object?>> Attributes);
