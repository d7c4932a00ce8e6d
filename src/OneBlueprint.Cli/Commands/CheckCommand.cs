using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Cli.Console;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Rules;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Server.Compliance;
using OneBlueprint.Storage.Compliance;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Layers;
using OneBlueprint.Storage.Projects;
using Spectre.Console;

namespace OneBlueprint.Cli.Commands;

/// <summary>
/// `ob check FILE`: a compliance check (合规性审查) in-process — the same reading, validation, engine and answer as
/// POST /api/v1/compliance/checks. It loads the current control layers from PostGIS, but only their features around
/// the red line (a feature outside the red line's box cannot overlap it), so one check does not wait for 200k farmland
/// polygons; the answer is the same as the server's, which holds everything.
/// </summary>
public sealed class CheckCommand : ICommand
{
    public string Name => "check";
    public string Summary => "check a red line against the control lines: ob check FILE [--category C] [--project CODE] [--json] [--save]";
    public string Usage => """
        usage: ob check FILE [--category C] [--project CODE] [--crs EPSG:N] [--json] [--no-parts] [--save] [--who NAME]
          FILE        the red line: 界址点 TXT (*.txt) or GeoJSON (*.geojson, *.json; EPSG:4490 lon/lat unless it says or --crs)
          --category  the project category the rules apply (交通, 能源, 工业, …); default: the project's
          --project   file the check under this project (and take its category)
          --json      print the answer as the API gives it (with the overlap parts as GeoJSON unless --no-parts)
          --save      store the check like the API does (then it has an id, a report and a PDF)
          --who       the name the stored check records (default: your user name)
        Rules: OB_COMPLIANCE_RULES names a rules file, else the defaults. Exit code 0 whatever the verdict, 2 for bad input.
        """;
    public IReadOnlySet<string> Flags => new HashSet<string> { "json", "save", "no-parts" };

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var path = args.Positional(0, "the red-line file (TXT or GeoJSON)");
        var category = args.Get("category");
        var project = args.Get("project");
        var srid = args.GetSrid("crs");
        var json = args.Has("json");
        var save = args.Has("save");
        var noParts = args.Has("no-parts");
        var who = args.Get("who") ?? Environment.UserName;
        args.RejectUnknown();
        var input = await RedLineFile.ReadAsync(path, srid, ct);

        await using var db = ObDatabase.FromEnvironment();
        await new Migrator(db).MigrateAsync(ct: ct);
        var workingSrid = await db.GetWorkingSridAsync(ct);
        var rules = ComplianceRules.LoadOrDefault(Environment.GetEnvironmentVariable("OB_COMPLIANCE_RULES"));
        var layers = new LayerStore(db);
        var blueprint = await LoadAroundAsync(layers, rules, input, workingSrid, ct);

        var runner = new ComplianceRunner(new ComplianceEngine(rules), new ComplianceCheckStore(db), new ProjectStore(db), db);
        var outcome = await runner.RunAsync(new ComplianceCheckRequest(input, project, category, IncludeParts: json && !noParts, Save: save, who, null),
            blueprint, workingSrid, ct);

        if (json)
        {
            System.Console.WriteLine(System.Text.Encoding.UTF8.GetString(ComplianceJson.ToUtf8(outcome.Answer, includeParts: !noParts, indented: true)));
            return 0;
        }
        PrintTable(outcome.Answer);
        return 0;
    }

    /// <summary>The current rule-bearing layers, each indexed with only its features around the red line.</summary>
    private static async Task<BlueprintView> LoadAroundAsync(LayerStore layers, ComplianceRules rules, RedLineInput input, int workingSrid, CancellationToken ct)
    {
        var catalogue = await layers.ListLayersAsync(ct);
        var codes = ControlLayerLoading.RuleLayerCodes(rules, catalogue);
        var versions = new Dictionary<long, LayerVersionInfo>();
        var missing = new List<string>();
        foreach (var code in codes)
        {
            if (catalogue.First(l => l.Code == code).CurrentVersionId is long id && await layers.GetVersionByIdAsync(id, ct) is { } version)
                versions[id] = version;
            else missing.Add(code);
        }
        // The extent check needs only the versions' boxes; the box of the prepared red line then limits what is read.
        var extent = new Envelope();
        foreach (var v in versions.Values)
            if (v.Bbox is { } b) extent.ExpandToInclude(b);
        var redLine = RedLinePreparation.Prepare(input.Features, workingSrid, extent.IsNull ? null : extent, input.Name);
        var box = new Envelope(redLine.Geometry.EnvelopeInternal);
        box.ExpandBy(1.0);

        var indexes = await ProgressBar.RunAsync($"load {versions.Count} control layers around the red line", async progress =>
        {
            var list = new List<ControlLayerIndex>();
            foreach (var version in versions.Values)
            {
                list.Add(await ControlLayerLoading.BuildAsync(layers, version, box, null, ct));
                progress.Report(100.0 * list.Count / Math.Max(1, versions.Count));
            }
            return list;
        });
        return new BlueprintView(new BlueprintSnapshot(indexes), versions, missing);
    }

    private static void PrintTable(ComplianceAnswer answer)
    {
        var r = answer.Result;
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine($"red line [bold]{Markup.Escape(answer.InputName)}[/]: {answer.Parcels} parcel(s), " +
            $"{r.RedLine.AreaM2.ToString("N2", inv)} m² ({r.RedLine.AreaHa.ToString("0.0000", inv)} ha), read as EPSG:{answer.InputSrid}" +
            (r.ProjectCategory is null ? "" : $", category {Markup.Escape(r.ProjectCategory)}"));
        var table = new Table().AddColumns("layer", "ver.", "verdict", "overlap m²", "share", "net m²", "outside m²");
        foreach (var l in r.Layers)
        {
            var version = answer.LayerVersions.FirstOrDefault(v => v.VersionId == l.LayerVersionId)?.Version;
            var name = l.NameZh.Split('（')[0]; // 蓝线（城市地表水体保护控制线） → 蓝线
            table.AddRow($"{l.Code} {Markup.Escape(name)}", version?.ToString(inv) ?? "-", Verdict(ComplianceJson.VerdictName(l.Verdict)),
                l.OverlapAreaM2.ToString("N2", inv), (l.OverlapRatio * 100).ToString("0.00", inv) + "%",
                l.NetAreaM2?.ToString("N2", inv) ?? "", l.OutsideAreaM2?.ToString("N2", inv) ?? "");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"overall: {Verdict(ComplianceJson.VerdictName(r.Verdict))}   rules: {Markup.Escape(r.RulesName)}");
        foreach (var l in r.Layers.Where(l => l.Verdict != Engines.Compliance.Results.Verdict.Pass))
            AnsiConsole.MarkupLine($"{l.Code} {Verdict(ComplianceJson.VerdictName(l.Verdict))} ({Markup.Escape(l.RuleId)}): {Markup.Escape(l.RuleText.Zh)}");
        foreach (var w in answer.Warnings) AnsiConsole.MarkupLine($"[yellow]warning[/] {Markup.Escape(w.ToString())}");
        foreach (var n in r.Notes.Concat(r.Layers.SelectMany(l => l.Notes.Select(x => $"{l.Code}: {x}")))) AnsiConsole.MarkupLine($"[grey]note[/] {Markup.Escape(n)}");
        if (answer.Id is { } id) AnsiConsole.MarkupLine($"stored as check {id}: {ComplianceJson.ChecksPath}/{id} (report: …/{id}/report, …/{id}/report.pdf)");
    }

    private static string Verdict(string verdict) => verdict switch
    {
        "pass" => "[green]pass[/]",
        "warning" => "[yellow]warning[/]",
        _ => "[red]conflict[/]",
    };
}
