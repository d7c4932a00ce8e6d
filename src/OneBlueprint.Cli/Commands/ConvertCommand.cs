using OneBlueprint.Cli.Console;
using OneBlueprint.Formats;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Cli.Commands;

/// <summary>`ob convert IN OUT`: between 界址点 TXT, GeoJSON, Shapefile and GeoPackage, optionally reprojecting.</summary>
public sealed class ConvertCommand : ICommand
{
    public string Name => "convert";
    public string Summary => "convert between TXT, GeoJSON, Shapefile and GeoPackage";
    public string Usage => """
        usage: ob convert IN OUT [--to-crs EPSG:N] [--crs EPSG:N]
          The formats follow the endings: .txt (界址点坐标交换格式), .geojson/.json, .shp (or .zip to read), .gpkg.
          --to-crs    reproject to this CRS (a TXT needs a Gauss-Krüger CRS, e.g. EPSG:4547)
          --crs       the input's CRS when the file does not declare it
        """;

    public Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var input = args.Positional(0, "the input file");
        var output = args.Positional(1, "the output file");
        var toSrid = args.GetSrid("to-crs");
        var fromSrid = args.GetSrid("crs");
        args.RejectUnknown();

        var set = FeatureFormats.Read(input);
        if (fromSrid is not null) set.Srid = fromSrid;
        if (toSrid is not null) set = set.ReprojectTo(toSrid.Value);
        FeatureFormats.Write(set, output);
        foreach (var w in set.Warnings) System.Console.Error.WriteLine(w.ToString());
        System.Console.Error.WriteLine($"wrote {set.Features.Count} features to {output}{(set.Srid is { } s ? $" (EPSG:{s})" : "")}");
        return Task.FromResult(0);
    }
}
