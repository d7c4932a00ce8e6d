using System.IO.Compression;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Formats.Shapefile;

/// <summary>
/// ESRI Shapefile: .shp geometry, .shx index, .dbf attributes (dBASE III), .prj coordinate system and
/// .cpg text encoding. Reading takes the .shp path (siblings found next to it, names compared ignoring
/// case) or a .zip holding one shapefile (<see cref="ReadZip"/>, for uploads). See
/// <see cref="ShapefileReader"/>, <see cref="Shp.ShpReader"/>, <see cref="Dbf.DbfReader"/> and
/// <see cref="Prj.EsriPrjReader"/> for what is read how, and <see cref="ShapefileWriter"/> for writing.
/// <para>
/// Round trips keep coordinates bit for bit, and attribute values and types (string, long, double,
/// bool, DateOnly, null); they do not keep: empty strings (dBASE stores blanks, read as null), field
/// names longer than 10 bytes (<see cref="ShapefileWriteReport.Fields"/> says what they became),
/// text over 254 bytes, time of day of DateTime values (written as text) and M values.
/// </para>
/// </summary>
public sealed class ShapefileFormat : IFeatureFormat
{
    private readonly ShapefileWriteOptions _options;

    public ShapefileFormat() : this(new ShapefileWriteOptions()) { }

    public ShapefileFormat(ShapefileWriteOptions options) => _options = options;

    public string Name => "shapefile";

    public IReadOnlyList<string> Extensions { get; } = [".shp"];

    /// <summary>Reads the shapefile whose .shp is at <paramref name="path"/>; a path ending in .zip is read as <see cref="ReadZip"/>.</summary>
    public FeatureSet Read(string path)
    {
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && File.Exists(path))
        {
            using var zip = File.OpenRead(path);
            return ReadZip(zip, path);
        }
        return ShapefileReader.Read(ShapefileBundle.FromPath(path));
    }

    /// <summary>Reads the one shapefile inside a .zip (folders inside the zip are fine; macOS "__MACOSX" entries are ignored).</summary>
    /// <param name="sourceName">Shown in messages where a file name would be ("upload.zip").</param>
    public static FeatureSet ReadZip(Stream zip, string sourceName) =>
        ShapefileReader.Read(ShapefileBundle.FromZip(zip, sourceName));

    public void Write(FeatureSet features, string path) => WriteWithReport(features, path);

    /// <summary>
    /// Writes <paramref name="path"/> (.shp) and its .shx, .dbf, .cpg and .prj, replacing older ones and
    /// deleting spatial-index siblings (.sbn, .sbx, .qix…) and a .prj this write does not replace, which
    /// would describe the old content. A path ending in .zip gets a zip of the files instead.
    /// </summary>
    public ShapefileWriteReport WriteWithReport(FeatureSet features, string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = File.Create(path);
            return WriteZip(features, zip, Path.GetFileNameWithoutExtension(path));
        }
        if (!extension.Equals(".shp", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"A shapefile path ends in .shp (or .zip), not \"{extension}\": {path}", nameof(path));

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var upper = extension == ".SHP";
        string Sibling(string ext) => Path.ChangeExtension(path, upper ? ext.ToUpperInvariant() : ext);
        var written = new List<string>();
        var report = ShapefileWriter.Write(features, _options, (ext, fill) =>
        {
            using var stream = File.Create(Sibling(ext));
            fill(stream);
            written.Add(Path.GetFileName(Sibling(ext)));
        }, path);

        var stem = Path.GetFileNameWithoutExtension(path);
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(file);
            if (!Path.GetFileNameWithoutExtension(name).Equals(stem, StringComparison.OrdinalIgnoreCase)) continue;
            var ext = Path.GetExtension(name).ToLowerInvariant();
            if (ext is ".prj" or ".sbn" or ".sbx" or ".qix" or ".fbn" or ".fbx" or ".ain" or ".aih" or ".atx"
                && !written.Contains(name, StringComparer.Ordinal))
                File.Delete(file);
        }
        return report;
    }

    /// <summary>Writes the shapefile's files into a new zip on <paramref name="zip"/> (for downloads), named after <paramref name="layerName"/>.</summary>
    public ShapefileWriteReport WriteZip(FeatureSet features, Stream zip, string? layerName = null)
    {
        var stem = SafeName(layerName ?? features.Name);
        using var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
        return ShapefileWriter.Write(features, _options, (ext, fill) =>
        {
            using var buffer = new MemoryStream(); // the .shp header is patched at the end, zip entries cannot seek
            fill(buffer);
            using var entry = archive.CreateEntry(stem + ext, CompressionLevel.Optimal).Open();
            buffer.Position = 0;
            buffer.CopyTo(entry);
        }, stem + ".shp");
    }

    private static string SafeName(string? name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':']).ToHashSet();
        var safe = new string((name ?? "").Select(c => invalid.Contains(c) ? '_' : c).ToArray()).Trim();
        return safe.Length == 0 ? "layer" : safe;
    }
}
