using System.Security.Cryptography;
using OneBlueprint.Cli.Console;
using OneBlueprint.Formats;
using OneBlueprint.Server.Http;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Import;

namespace OneBlueprint.Cli.Commands;

/// <summary>`ob import FILE --layer CODE`: a new version of a control layer, in one transaction, with a progress bar.</summary>
public sealed class ImportCommand : ICommand
{
    public string Name => "import";
    public string Summary => "import a file as a layer's next version: ob import FILE --layer CODE [--note …] [--repair]";
    public string Usage => """
        usage: ob import FILE --layer CODE [--note TEXT] [--repair] [--crs EPSG:N] [--effective-date YYYY-MM-DD] [--who NAME] [--json]
          FILE        GeoJSON, 界址点 TXT, Shapefile (.shp or .zip) or GeoPackage
          --repair    repair invalid geometries (recorded in the version) instead of rejecting the import
          --crs       the file's CRS when it does not declare one
          Ctrl+C cancels; a cancelled or failed import leaves nothing behind.
        """;
    public IReadOnlySet<string> Flags => new HashSet<string> { "repair", "json" };

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var path = args.Positional(0, "the file to import");
        var layer = args.Require("layer", "the layer code (ob layers lists them)");
        var note = args.Get("note");
        var repair = args.Has("repair");
        var json = args.Has("json");
        var srid = args.GetSrid("crs");
        var who = args.Get("who") ?? Environment.UserName;
        var effectiveText = args.Get("effective-date");
        args.RejectUnknown();
        DateOnly? effective = effectiveText is null ? null
            : DateOnly.TryParseExact(effectiveText, "yyyy-MM-dd", out var d) ? d : throw new UsageException($"--effective-date '{effectiveText}' is not YYYY-MM-DD");

        var set = FeatureFormats.Read(path);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        await using var db = ObDatabase.FromEnvironment();
        await new Migrator(db).MigrateAsync(ct: ct);
        var request = new LayerImportRequest(layer, who, note, Path.GetFileName(path), checksum, effective, repair, srid);
        var result = await ProgressBar.RunAsync($"import {Path.GetFileName(path)} → {layer}", progress =>
            new LayerImporter(db).ImportAsync(set, request, new SyncProgress<ImportProgress>(p => progress.Report(p.Percent)), ct));

        if (json) System.Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(ImportViews.ToView(result), JsonOutput.Options));
        else
        {
            foreach (var w in result.Warnings) System.Console.Error.WriteLine(w.ToString());
            foreach (var r in result.Repairs) System.Console.Error.WriteLine(r.ToString());
            System.Console.WriteLine($"{layer} version {result.Version}: {result.FeatureCount:N0} features ({result.RepairedCount} repaired) from EPSG:{result.SourceSrid} into EPSG:{result.WorkingSrid} in {result.Elapsed.TotalSeconds:0.0} s");
        }
        return 0;
    }
}
