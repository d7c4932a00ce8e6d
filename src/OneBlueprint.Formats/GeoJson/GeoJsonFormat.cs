using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>GeoJSON files and streams; see <see cref="GeoJsonReader"/> and <see cref="GeoJsonWriter"/> for the rules.</summary>
public sealed class GeoJsonFormat(GeoJsonReadOptions? readOptions = null, GeoJsonWriteOptions? writeOptions = null) : IStreamFeatureFormat
{
    public string Name => "geojson";

    public IReadOnlyList<string> Extensions { get; } = [".geojson", ".json"];

    public FeatureSet Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(InputProblem.Error("file.missing", $"file '{path}' does not exist", new SourceLocation(path), "Check the path."));
        }
        var set = GeoJsonReader.Read(bytes, Path.GetFileName(path), readOptions);
        set.Name ??= Path.GetFileNameWithoutExtension(path);
        return set;
    }

    public FeatureSet Read(Stream stream, string sourceName) => GeoJsonReader.Read(stream, sourceName, readOptions);

    public void Write(FeatureSet features, string path)
    {
        using var stream = File.Create(path);
        Write(features, stream);
    }

    public void Write(FeatureSet features, Stream stream) => GeoJsonWriter.Write(features, stream, writeOptions);
}
