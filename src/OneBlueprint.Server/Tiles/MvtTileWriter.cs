namespace OneBlueprint.Server.Tiles;

/// <summary>
/// Assembles a Tile message from layers (field 3, one per layer; layers without features are left out).
/// A tile without any layer is zero bytes long, which is a valid, empty vector tile.
/// </summary>
public static class MvtTileWriter
{
    public static byte[] Write(IEnumerable<MvtLayerBuilder> layers)
    {
        var tile = new ProtobufWriter(4096);
        var layer = new ProtobufWriter(4096);
        foreach (var builder in layers)
        {
            if (builder.FeatureCount == 0) continue;
            layer.Clear();
            builder.WriteTo(layer);
            tile.WriteBytesField(3, layer.WrittenSpan);
        }
        return tile.ToArray();
    }
}
