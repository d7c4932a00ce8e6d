using System.Collections.Concurrent;

namespace OneBlueprint.Server.Tiles.Raster;

/// <summary>
/// PNG tiles on disk beside the vector cache: <c>{vector root}/raster/{grid}/{layer}/v{versionId}/{z}/{x}/{y}.png</c>
/// (layer codes are upper case, so the lower-case "raster" folder never meets a layer's). Same rules as
/// <see cref="TileCache"/>: keyed by layer version, written to a temporary file and renamed into place, and
/// the first write of a version deletes the layer's other version folders in that grid.
/// </summary>
public sealed class RasterTileCache(TileCache vector)
{
    private readonly ConcurrentDictionary<string, bool> _pruned = new(StringComparer.Ordinal);

    public string Root { get; } = Path.Combine(vector.Root, "raster");

    public string PathOf(RasterGrid grid, string layer, long versionId, int z, int x, int y) =>
        Path.Combine(Root, grid.Id, layer, "v" + versionId, z.ToString(), x.ToString(), y + ".png");

    public async Task<byte[]?> TryReadAsync(string path, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task WriteAsync(RasterGrid grid, string layer, long versionId, string path, byte[] png, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, png, ct);
        File.Move(temp, path, overwrite: true);
        if (!_pruned.TryAdd($"{grid.Id}/{layer}/{versionId}", true)) return;
        var folder = Path.Combine(Root, grid.Id, layer);
        foreach (var dir in Directory.EnumerateDirectories(folder, "v*"))
        {
            if (Path.GetFileName(dir) == "v" + versionId) continue;
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { } // another process is there: the next version change tries again
        }
    }
}
