using OneBlueprint.Geo.Features;

namespace OneBlueprint.Formats;

/// <summary>
/// A file format OneBlueprint reads and writes. Readers throw <see cref="Geo.Problems.InputException"/>
/// for anything they cannot read (what, where, how to fix) and put recoverable issues in
/// <see cref="FeatureSet.Warnings"/>. Writers write the set in its own <see cref="FeatureSet.Srid"/>;
/// reprojecting is the caller's job.
/// </summary>
public interface IFeatureFormat
{
    /// <summary>Short name used on the command line and in APIs: txt, geojson, shapefile, gpkg.</summary>
    string Name { get; }

    /// <summary>File endings this format claims, lower case with the dot (".geojson").</summary>
    IReadOnlyList<string> Extensions { get; }

    FeatureSet Read(string path);

    void Write(FeatureSet features, string path);
}

/// <summary>A format that can also be read from a request body or any stream (TXT, GeoJSON).</summary>
public interface IStreamFeatureFormat : IFeatureFormat
{
    /// <param name="sourceName">Shown in messages where a file name would be ("request body").</param>
    FeatureSet Read(Stream stream, string sourceName);

    void Write(FeatureSet features, Stream stream);
}
