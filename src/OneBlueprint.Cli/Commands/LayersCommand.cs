using OneBlueprint.Cli.Console;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Layers;
using OneBlueprint.Server.Http;
using Spectre.Console;

namespace OneBlueprint.Cli.Commands;

/// <summary>`ob layers`: the catalogue with each layer's current version, or one layer's versions.</summary>
public sealed class LayersCommand : ICommand
{
    public string Name => "layers";
    public string Summary => "list the layer catalogue, or a layer's versions (ob layers CODE)";
    public string Usage => "usage: ob layers [CODE] [--json]";
    public IReadOnlySet<string> Flags => new HashSet<string> { "json" };

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var json = args.Has("json");
        var code = args.Positionals.FirstOrDefault();
        args.RejectUnknown();
        await using var db = ObDatabase.FromEnvironment();
        await new Migrator(db).MigrateAsync(ct: ct);
        var store = new LayerStore(db);
        if (code is null)
        {
            var layers = await store.ListLayersAsync(ct);
            if (json) { System.Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(layers.Select(l => l.ToView(store.WorkingSrid)), JsonOutput.Options)); return 0; }
            var table = new Table().AddColumns("code", "name", "group", "version", "features");
            foreach (var l in layers)
                table.AddRow(l.Code, Markup.Escape(l.NameZh), Markup.Escape(l.GroupName), l.CurrentVersion?.ToString() ?? "-", l.FeatureCount.ToString("N0"));
            AnsiConsole.Write(table);
            return 0;
        }
        if (await store.GetLayerAsync(code, ct) is null) { System.Console.Error.WriteLine($"no layer '{code}' (ob layers lists them)"); return 2; }
        var versions = await store.ListVersionsAsync(code, ct);
        if (json) { System.Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(versions.Select(v => v.ToView(store.WorkingSrid)), JsonOutput.Options)); return 0; }
        var vt = new Table().AddColumns("version", "effective", "features", "repaired", "source", "by", "imported", "note");
        foreach (var v in versions)
            vt.AddRow(v.Version.ToString(), v.EffectiveDate?.ToString() ?? "", v.FeatureCount.ToString("N0"), v.RepairedCount.ToString(),
                Markup.Escape(v.SourceFile ?? ""), Markup.Escape(v.ImportedBy ?? ""), v.ImportedAt.ToString("u"), Markup.Escape(v.Note ?? ""));
        AnsiConsole.Write(vt);
        return 0;
    }
}
