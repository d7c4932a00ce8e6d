using System.IO.Compression;
using System.Text;

namespace OneBlueprint.Formats.Shapefile;

/// <summary>
/// The files of one shapefile, loaded into memory: the .shp and whichever siblings (.shx, .dbf, .prj,
/// .cpg) exist, each with the name messages should show (a path, or "upload.zip: roads/roads.dbf").
/// Siblings are matched by base name ignoring case, as Windows tools write "ROADS.DBF" next to "roads.shp".
/// </summary>
internal sealed class ShapefileBundle
{
    /// <summary>Largest zip entry we unpack: files are read whole into memory.</summary>
    public const long MaxEntryBytes = 1L << 30;

    private readonly Dictionary<string, byte[]> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _missingPrefix;

    private ShapefileBundle(string layerName, string missingPrefix)
    {
        LayerName = layerName;
        _missingPrefix = missingPrefix;
    }

    public string LayerName { get; }

    public byte[]? Bytes(string extension) => _files.GetValueOrDefault(extension);

    /// <summary>Text of a small sibling (.prj, .cpg), BOM removed; null when the file is absent.</summary>
    public string? Text(string extension) =>
        Bytes(extension) is { } bytes ? Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF') : null;

    /// <summary>The name of a sibling as messages show it, also for one that is missing.</summary>
    public string NameOf(string extension) => _names.GetValueOrDefault(extension) ?? _missingPrefix + extension;

    private static readonly string[] Siblings = [".shp", ".shx", ".dbf", ".prj", ".cpg"];

    public static ShapefileBundle FromPath(string path)
    {
        if (!File.Exists(path))
            throw ShapefileProblems.Error("not-found", $"The file {path} does not exist", path,
                "Check the path; give the .shp file of the shapefile (its .shx, .dbf, .prj and .cpg must sit next to it).");
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var baseName = Path.GetFileNameWithoutExtension(full);
        var bundle = new ShapefileBundle(baseName, Path.Combine(Path.GetDirectoryName(path) ?? "", baseName));
        bundle.Add(".shp", path, File.ReadAllBytes(path));
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(file);
            var extension = Path.GetExtension(name);
            if (!string.Equals(Path.GetFileNameWithoutExtension(name), baseName, StringComparison.OrdinalIgnoreCase)) continue;
            if (!Siblings.Contains(extension, StringComparer.OrdinalIgnoreCase) || bundle._files.ContainsKey(extension)) continue;
            // Prefer the exact-case sibling when both "a.dbf" and "A.DBF" exist.
            var exact = Path.Combine(directory, baseName + extension.ToLowerInvariant());
            var chosen = File.Exists(exact) ? exact : file;
            bundle.Add(extension, Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileName(chosen)), File.ReadAllBytes(chosen));
        }
        return bundle;
    }

    public static ShapefileBundle FromZip(Stream zip, string sourceName)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw ShapefileProblems.Error("bad-zip", $"{sourceName} is not a readable zip archive ({e.Message})", sourceName,
                "Upload a .zip holding one shapefile: its .shp, .shx, .dbf and, if present, .prj and .cpg.");
        }
        using (archive)
        {
            var entries = archive.Entries
                .Where(e => !e.FullName.EndsWith('/') && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal)
                            && !Path.GetFileName(e.FullName).StartsWith("._", StringComparison.Ordinal))
                .ToList();
            var shapes = entries.Where(e => e.FullName.EndsWith(".shp", StringComparison.OrdinalIgnoreCase)).ToList();
            if (shapes.Count != 1)
                throw ShapefileProblems.Error(shapes.Count == 0 ? "zip-without-shp" : "zip-with-several-shp",
                    shapes.Count == 0
                        ? $"{sourceName} holds no .shp file (it holds: {Describe(entries)})"
                        : $"{sourceName} holds {shapes.Count} shapefiles ({Describe(shapes)}); one upload takes one",
                    sourceName, "Zip exactly one shapefile: its .shp, .shx, .dbf and, if present, .prj and .cpg.");

            var stem = shapes[0].FullName[..^4];
            var bundle = new ShapefileBundle(Path.GetFileName(stem), $"{sourceName}: {stem}");
            foreach (var entry in entries)
            {
                var extension = Path.GetExtension(entry.FullName);
                if (!Siblings.Contains(extension, StringComparer.OrdinalIgnoreCase) || bundle._files.ContainsKey(extension)) continue;
                if (!string.Equals(entry.FullName[..^extension.Length], stem, StringComparison.OrdinalIgnoreCase)) continue;
                bundle.Add(extension, $"{sourceName}: {entry.FullName}", Unpack(entry, sourceName));
            }
            return bundle;
        }
    }

    private static byte[] Unpack(ZipArchiveEntry entry, string sourceName)
    {
        if (entry.Length > MaxEntryBytes)
            throw ShapefileProblems.Error("too-large", $"{entry.FullName} unpacks to {entry.Length} bytes, more than the {MaxEntryBytes} accepted",
                sourceName, "Split the layer into smaller shapefiles, or import it from a file on the server.", statusCode: 422);
        try
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream((int)entry.Length);
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw ShapefileProblems.Error("bad-zip", $"{entry.FullName} in the archive cannot be unpacked ({e.Message})", sourceName,
                "The zip is damaged or uses an unsupported compression method; zip the files again (plain Deflate).");
        }
    }

    private static string Describe(IEnumerable<ZipArchiveEntry> entries)
    {
        var names = entries.Select(e => e.FullName).ToList();
        return names.Count == 0 ? "nothing" : string.Join(", ", names.Take(10)) + (names.Count > 10 ? $", … ({names.Count} files)" : "");
    }

    private void Add(string extension, string name, byte[] bytes)
    {
        _files[extension] = bytes;
        _names[extension] = name;
    }
}
