using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Formats.GeoPackage;
using OneBlueprint.Formats.RedLineTxt;
using OneBlueprint.Formats.Shapefile;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats;

/// <summary>Picks the format of a file by its ending; the one list of formats OneBlueprint knows.</summary>
public static class FeatureFormats
{
    public static readonly IReadOnlyList<IFeatureFormat> All =
    [
        new RedLineTxtFormat(),
        new GeoJsonFormat(),
        new ShapefileFormat(),
        new GeoPackageFormat(),
    ];

    public static IFeatureFormat ForPath(string path)
    {
        var name = Path.GetFileName(FileOf(path)).ToLowerInvariant();
        return All.FirstOrDefault(f => f.Extensions.Any(name.EndsWith))
            ?? throw new InputException(InputProblem.Error(
                "format.unknown",
                $"'{Path.GetFileName(path)}' has an ending OneBlueprint does not read",
                new SourceLocation(path),
                $"Use one of: {string.Join(", ", All.SelectMany(f => f.Extensions))} (a shapefile as .shp with its .shx/.dbf/.prj, or zipped)."));
    }

    public static IFeatureFormat ForName(string name) =>
        All.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InputException(InputProblem.Error(
            "format.unknown", $"no format called '{name}'", null,
            $"Use one of: {string.Join(", ", All.Select(f => f.Name))}."));

    /// <summary>Reads any supported file; a .zip is taken as a zipped shapefile.</summary>
    public static FeatureSet Read(string path)
    {
        if (!File.Exists(FileOf(path)))
            throw new InputException(InputProblem.Error("file.missing", $"file '{path}' does not exist", new SourceLocation(path), "Check the path."));
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = File.OpenRead(path);
            return ShapefileFormat.ReadZip(zip, Path.GetFileName(path));
        }
        return ForPath(path).Read(path);
    }

    public static void Write(FeatureSet features, string path) => ForPath(path).Write(features, path);

    /// <summary>The file part of a path; "city.gpkg|farmland" names a table inside a GeoPackage.</summary>
    private static string FileOf(string path) => File.Exists(path) ? path : GeoPackageFormat.SplitTable(path).File;
}
