using OneBlueprint.Cli.Console;
using OneBlueprint.Formats;
using OneBlueprint.Geo.Features;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Cli.Commands;

/// <summary>`ob export --layer CODE [--version N] OUT`: a stored layer version to any format.</summary>
public sealed class ExportCommand : ICommand
{
    public string Name => "export";
    public string Summary => "write a layer version to a file: ob export --layer CODE [--version N] OUT";
    public string Usage => """
        usage: ob export --layer CODE [--version N] OUT [--to-crs EPSG:N]
          OUT's ending picks the format (.geojson, .shp, .gpkg, .txt). Default version: the current one.
          Default CRS: the working CRS (GeoJSON: EPSG:4490 lon/lat).
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var layer = args.Require("layer", "the layer code");
        var version = args.GetInt("version");
        var output = args.Positional(0, "the output file");
        var toSrid = args.GetSrid("to-crs");
        args.RejectUnknown();
        var format = FeatureFormats.ForPath(output);

        await using var db = ObDatabase.FromEnvironment();
        var store = new LayerStore(db);
        var info = await store.GetVersionAsync(layer, version, ct)
            ?? throw new UsageException($"layer {layer} has no version {(version?.ToString() ?? "yet")} (ob layers {layer} lists them)");
        var set = new FeatureSet { Srid = store.WorkingSrid, Name = layer };
        var features = await ProgressBar.RunAsync($"read {layer} v{info.Version}", async progress =>
        {
            var list = new List<GeoFeature>(info.FeatureCount);
            await foreach (var f in store.ReadAllFeaturesAsync(info.Id, ct: ct))
            {
                list.Add(f);
                if (list.Count % 5000 == 0) progress.Report(100.0 * list.Count / Math.Max(1, info.FeatureCount));
            }
            return list;
        });
        set.Features.AddRange(features);
        var target = toSrid ?? (format.Name == "geojson" ? Geo.Crs.CrsCatalog.Cgcs2000 : store.WorkingSrid);
        var written = set.ReprojectTo(target);
        format.Write(written, output);
        System.Console.Error.WriteLine($"wrote {written.Features.Count:N0} features of {layer} v{info.Version} to {output} (EPSG:{target})");
        return 0;
    }
}
