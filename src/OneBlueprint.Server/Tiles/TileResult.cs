namespace OneBlueprint.Server.Tiles;

/// <summary>A tile's bytes (possibly zero: an empty tile), its ETag (layer version + tile) and whether the disk cache answered.</summary>
public sealed record TileResult(byte[] Bytes, string ETag, bool FromCache);
