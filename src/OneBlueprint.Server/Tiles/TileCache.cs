using System.Collections.Concurrent;

namespace OneBlueprint.Server.Tiles;

/// <summary>
/// Rendered tiles on disk: <c>{Root}/{layer}/v{versionKey}/{z}/{x}/{y}.mvt</c>. The version key is the layer
/// version id (for the public composite, the ids of every public layer's current version joined by '-'),
/// so importing a new version changes the path and old tiles are never served again; the first write under
/// a new key deletes the layer's other version folders. Writes go to a temporary file renamed into place,
/// so a reader never sees half a tile. The root is OB_TILE_CACHE, else the repository's <c>tiles/</c>.
/// Tile ids are database ids: two databases must not share one cache folder.
/// </summary>
public sealed class TileCache
{
    private readonly ConcurrentDictionary<string, bool> _pruned = new(StringComparer.Ordinal);

    public TileCache(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public string PathOf(string layer, string versionKey, TileAddress tile) =>
        Path.Combine(Root, layer, "v" + versionKey, tile.Z.ToString(), tile.X.ToString(), tile.Y + ".mvt");

    /// <summary>The cached tile, or null when it was not rendered yet.</summary>
    public async Task<byte[]?> TryReadAsync(string layer, string versionKey, TileAddress tile, CancellationToken ct)
    {
        try
        {
            // A synchronous read: tiles are small local files, and .NET's async file reads cost more than they save here.
            ct.ThrowIfCancellationRequested();
            return await Task.FromResult(File.ReadAllBytes(PathOf(layer, versionKey, tile)));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Stores a tile atomically (temp file + rename); the first write of a version prunes the layer's other versions.</summary>
    public async Task WriteAsync(string layer, string versionKey, TileAddress tile, byte[] bytes, CancellationToken ct)
    {
        var path = PathOf(layer, versionKey, tile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, bytes, ct);
        File.Move(temp, path, overwrite: true);
        if (_pruned.TryAdd(layer + "/" + versionKey, true)) PruneOtherVersions(layer, versionKey);
    }

    /// <summary>Deletes <c>{Root}/{layer}/v*</c> folders other than the current version's.</summary>
    public void PruneOtherVersions(string layer, string versionKey)
    {
        var folder = Path.Combine(Root, layer);
        if (!Directory.Exists(folder)) return;
        foreach (var dir in Directory.EnumerateDirectories(folder, "v*"))
        {
            if (Path.GetFileName(dir) == "v" + versionKey) continue;
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // another process is pruning or writing there: the next version change tries again
            }
        }
    }

    /// <summary>OB_TILE_CACHE, else <c>tiles/</c> of the repository holding this build (found by OneBlueprint.sln), else ./tiles.</summary>
    public static string DefaultRoot(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "OneBlueprint.sln"))) return Path.Combine(dir.FullName, "tiles");
        }
        return Path.Combine(Directory.GetCurrentDirectory(), "tiles");
    }
}
