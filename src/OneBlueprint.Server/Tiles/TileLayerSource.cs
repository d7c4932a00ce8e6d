namespace OneBlueprint.Server.Tiles;

/// <summary>One catalogue layer with the version its tiles are drawn from.</summary>
public sealed record TileLayerSource(string Code, string Name, long VersionId, NetTopologySuite.Geometries.Envelope? Bbox);
