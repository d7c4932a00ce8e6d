using System.Globalization;
using System.Text;
using OneBlueprint.Cli.Console;
using OneBlueprint.Engines.Assessment.Coverage;
using OneBlueprint.Engines.Assessment.Registry;
using OneBlueprint.Server.Assessment;
using OneBlueprint.Server.Compliance;
using OneBlueprint.Storage.Assessment;
using OneBlueprint.Storage.Database;
using Spectre.Console;

namespace OneBlueprint.Cli.Commands;

/// <summary>
/// `ob assessment import|publish|list|coverage|at|stats`: the regional-assessment registry (区域评估) — import areas with
/// their item results and documents (one area, or a manifest of several), publish drafts, list them, and answer what a
/// red line or a point may reuse, and how much of the city is covered. The same services as the HTTP API.
/// </summary>
public sealed class AssessmentCommand : ICommand
{
    public string Name => "assessment";
    public string Summary => "regional assessment (区域评估): import, publish, list, coverage FILE, at LON LAT, stats";
    public string Usage => """
        usage: ob assessment import FILE --unit-code CODE --name NAME --items ITEMS.json [--scope TEXT] [--publish]
                                       [--allow-overlap] [--allow-expired] [--crs EPSG:N] [--note TEXT] [--who NAME] [--json]
               ob assessment import --manifest MANIFEST.json [--publish] [--who NAME] [--json]
               ob assessment publish ID [--allow-overlap] [--who NAME]
               ob assessment list [--all] [--json]
               ob assessment coverage FILE [--date YYYY-MM-DD] [--crs EPSG:N] [--project CODE] [--json] [--no-parts]
               ob assessment at LON LAT [--date YYYY-MM-DD] [--json]
               ob assessment stats [--date YYYY-MM-DD] [--days 90] [--json]
          import      FILE is the area's polygon (界址点 TXT, GeoJSON, Shapefile, GeoPackage; all features make one area);
                      ITEMS.json lists its results (see the README: item, validFrom, validTo, mode 告知承诺|免于评估|简化,
                      matchedApprovals, conclusions, conditions, issuingBody, approvedOn, documents = PDF/PNG/JPEG paths).
                      A new version of a unit supersedes the published one when it is published.
                      --allow-overlap   publish although another unit's result for the same item covers the same ground
                      --allow-expired   record a result whose validity has already ended (history; never reusable)
          --manifest  several areas and the development zones (gis-data/demo/assessment/manifest.json is one)
          coverage    per item: fully / partly / not covered by valid results, and what may go by 告知承诺;
                      --project records the reuse for that project (statistics: projects reusing results per month)
          --date      the day validity is judged on (default: today, Beijing time)
        """;
    public IReadOnlySet<string> Flags => new HashSet<string> { "publish", "allow-overlap", "allow-expired", "json", "all", "no-parts" };

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var sub = args.Positional(0, "import, publish, list, coverage, at or stats");
        return sub switch
        {
            "import" => await ImportAsync(args, ct),
            "publish" => await PublishAsync(args, ct),
            "list" => await ListAsync(args, ct),
            "coverage" => await CoverageAsync(args, ct),
            "at" => await AtAsync(args, ct),
            "stats" => await StatsAsync(args, ct),
            _ => throw new UsageException($"unknown subcommand '{sub}'"),
        };
    }

    private static async Task<ObDatabase> OpenAsync(CancellationToken ct)
    {
        var db = ObDatabase.FromEnvironment();
        await new Migrator(db).MigrateAsync(ct: ct);
        return db;
    }

    private static DateOnly DateOption(CommandArgs args)
    {
        var text = args.Get("date");
        if (text is null) return AssessmentDates.Today();
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new UsageException($"--date '{text}' is not YYYY-MM-DD");
    }

    private static void PrintJson(Action<System.Text.Json.Utf8JsonWriter> write) =>
        System.Console.WriteLine(Encoding.UTF8.GetString(AssessmentJson.Utf8(write, indented: true)));

    // ---------------------------------------------------------------------------------------------------

    private static async Task<int> ImportAsync(CommandArgs args, CancellationToken ct)
    {
        var manifest = args.Get("manifest");
        var publish = args.Has("publish");
        var who = args.Get("who") ?? Environment.UserName;
        var json = args.Has("json");
        var today = AssessmentDates.Today();
        if (manifest is not null)
        {
            args.RejectUnknown();
            await using var mdb = await OpenAsync(ct);
            var (zones, results) = await ProgressBar.RunAsync($"import {Path.GetFileName(manifest)}", progress =>
                AssessmentManifest.ImportManifestAsync(mdb, manifest, who, today, publish ? true : null, progress, ct));
            if (json) PrintJson(w => { w.WriteStartArray(); foreach (var r in results) AssessmentJson.WriteArea(w, r.Area, today); w.WriteEndArray(); });
            else
            {
                System.Console.WriteLine($"{zones} development zones");
                foreach (var r in results) PrintImported(r);
            }
            return 0;
        }

        var file = args.Positional(1, "the area's polygon file (or --manifest FILE)");
        var unit = args.Require("unit-code", "the unit code (区域评估单元编码, QYPGDYBM)");
        var name = args.Require("name", "the area's name (QYPGQYMC)");
        var items = args.Require("items", "the items file (JSON; see ob assessment --help)");
        var scope = args.Get("scope");
        var allowOverlap = args.Has("allow-overlap");
        var allowExpired = args.Has("allow-expired");
        var srid = args.GetSrid("crs");
        var note = args.Get("note");
        args.RejectUnknown();
        var area = AssessmentManifest.ReadArea(file, items, unit, name, scope, publish, allowOverlap, allowExpired);
        await using var db = await OpenAsync(ct);
        var result = await AssessmentManifest.ImportAsync(db, area, who, today, srid, note, ct);
        if (json) PrintJson(w => AssessmentJson.WriteArea(w, result.Area, today));
        else
        {
            foreach (var warning in result.Warnings) System.Console.Error.WriteLine(warning.ToString());
            PrintImported(result);
        }
        return 0;
    }

    private static void PrintImported(AssessmentImportResult r) =>
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Area.UnitCode} v{r.Area.Version} (id {r.Area.Id}) {r.Area.Name}: {r.Area.AreaM2 / 1e6:0.####} km², {r.Area.Items.Count} items, " +
            $"{r.Area.Items.Sum(i => i.Documents.Count)} documents, {r.Area.Status} (from EPSG:{r.SourceSrid})"));

    private static async Task<int> PublishAsync(CommandArgs args, CancellationToken ct)
    {
        var idText = args.Positional(1, "the area version id (ob assessment list --all)");
        var allowOverlap = args.Has("allow-overlap");
        var who = args.Get("who") ?? Environment.UserName;
        args.RejectUnknown();
        if (!long.TryParse(idText, out var id)) throw new UsageException($"'{idText}' is not an area version id");
        await using var db = await OpenAsync(ct);
        var area = await new AssessmentStore(db).PublishAsync(id, who, allowOverlap, ct);
        System.Console.WriteLine($"{area.UnitCode} v{area.Version} (id {area.Id}) published");
        return 0;
    }

    private static async Task<int> ListAsync(CommandArgs args, CancellationToken ct)
    {
        var all = args.Has("all");
        var json = args.Has("json");
        var date = DateOption(args);
        args.RejectUnknown();
        await using var db = await OpenAsync(ct);
        var areas = await new AssessmentStore(db).ListAsync(includeDrafts: all, includeHistory: all, ct);
        if (json)
        {
            PrintJson(w => { w.WriteStartArray(); foreach (var a in areas) AssessmentJson.WriteArea(w, a, date); w.WriteEndArray(); });
            return 0;
        }
        var table = new Table().AddColumns("id", "unit", "ver.", "name", "status", "km²", "items (valid on " + AssessmentJson.Date(date) + ")");
        foreach (var a in areas)
        {
            var items = string.Join(" ", a.Items.Select(i =>
            {
                var state = i.ToEngine().Validity.On(date);
                return state == ValidityState.Valid ? i.ItemCode : $"[grey]{i.ItemCode}({(state == ValidityState.Expired ? "expired" : "later")})[/]";
            }));
            table.AddRow(a.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.UnitCode), a.Version.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(a.Name), a.Status, (a.AreaM2 / 1e6).ToString("0.###", CultureInfo.InvariantCulture), items);
        }
        AnsiConsole.Write(table);
        return 0;
    }

    private static async Task<int> CoverageAsync(CommandArgs args, CancellationToken ct)
    {
        var path = args.Positional(1, "the red-line file (TXT or GeoJSON)");
        var date = DateOption(args);
        var srid = args.GetSrid("crs");
        var project = args.Get("project");
        var json = args.Has("json");
        var noParts = args.Has("no-parts");
        var who = args.Get("who") ?? Environment.UserName;
        args.RejectUnknown();
        var input = await RedLineFile.ReadAsync(path, srid, ct);
        await using var db = await OpenAsync(ct);
        var answer = await new AssessmentService(db).CoverAsync(input, date, includeParts: json && !noParts, project, null, who, ct);
        if (json)
        {
            PrintJson(w => AssessmentJson.WriteCoverage(w, answer, includeParts: !noParts));
            return 0;
        }
        var r = answer.Report;
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"red line [bold]{Markup.Escape(answer.InputName)}[/]: {answer.Parcels} parcel(s), {r.RedLineAreaM2:N2} m², on {AssessmentJson.Date(r.Date)}; " +
            $"assessment areas touched: {(r.AreasTouched.Count == 0 ? "none" : Markup.Escape(string.Join(", ", r.AreasTouched.Select(a => a.Label))))}"));
        var table = new Table().AddColumns("item", "status", "covered", "decision", "reason");
        foreach (var i in r.Items)
            table.AddRow($"{i.ItemCode} {Markup.Escape(i.ItemNameZh)}", AssessmentJson.StatusName(i.Status),
                (i.CoveredShare * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
                i.Decision == ReuseDecision.MayReuse ? $"[green]{i.Mode!.Value.Key()}[/]" : "[yellow]own assessment[/]",
                Markup.Escape(i.Reason.Zh));
        AnsiConsole.Write(table);
        foreach (var note in r.Items.SelectMany(i => i.Notes)) AnsiConsole.MarkupLine($"[grey]note[/] {Markup.Escape(note.Zh)}");
        foreach (var w in answer.Warnings) AnsiConsole.MarkupLine($"[yellow]warning[/] {Markup.Escape(w.ToString())}");
        if (answer.UsageId is { } usage) AnsiConsole.MarkupLine($"reuse recorded for project {Markup.Escape(project!)} (usage {usage})");
        return 0;
    }

    private static async Task<int> AtAsync(CommandArgs args, CancellationToken ct)
    {
        var lonText = args.Positional(1, "longitude (CGCS2000, e.g. 113.78)");
        var latText = args.Positional(2, "latitude (e.g. 34.72)");
        var date = DateOption(args);
        var json = args.Has("json");
        args.RejectUnknown();
        if (!double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) ||
            !double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat))
            throw new UsageException($"'{lonText} {latText}' is not a lon/lat pair");
        await using var db = await OpenAsync(ct);
        var matches = await new AssessmentService(db).AtAsync(lon, lat, date, ct);
        if (json) { PrintJson(w => AssessmentJson.WritePointLookup(w, lon, lat, date, matches)); return 0; }
        if (matches.Count == 0) System.Console.WriteLine("no published assessment area holds this point");
        foreach (var m in matches)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(m.Area.Label)}[/]");
            foreach (var (item, state) in m.Items)
                AnsiConsole.MarkupLine($"  {item.ItemCode} {Markup.Escape(item.ItemName)}: {AssessmentJson.StateName(state)} ({Markup.Escape(item.Validity.ToString())}), {item.Mode.NameZh()}");
        }
        return 0;
    }

    private static async Task<int> StatsAsync(CommandArgs args, CancellationToken ct)
    {
        var date = DateOption(args);
        var days = args.GetInt("days") ?? 90;
        var json = args.Has("json");
        args.RejectUnknown();
        if (days < 0) throw new UsageException("--days must not be negative");
        await using var db = await OpenAsync(ct);
        var (s, reuse) = await new AssessmentService(db).StatisticsAsync(date, days, ct);
        if (json) { PrintJson(w => AssessmentJson.WriteStatistics(w, s, reuse)); return 0; }
        var inv = CultureInfo.InvariantCulture;
        System.Console.WriteLine(string.Create(inv, $"{s.AreaCount} published areas, {s.AssessedKm2:0.###} km² assessed on {AssessmentJson.Date(s.Date)}; " +
            $"城镇开发边界 {s.UrbanBoundary.Share * 100:0.##}% covered, development zones {s.DevelopmentZones.Share * 100:0.##}%"));
        var byDistrict = new Table().AddColumns(["district", "km²", "assessed km²", .. s.ByItem.Select(i => i.ItemCode)]);
        foreach (var d in s.ByDistrict.Where(d => d.AssessedKm2 > 0))
            byDistrict.AddRow([Markup.Escape(d.Name), d.DistrictKm2.ToString("0.#", inv), d.AssessedKm2.ToString("0.###", inv), .. d.ByItem.Select(i => i.Km2.ToString("0.###", inv))]);
        AnsiConsole.Write(byDistrict);
        foreach (var m in reuse) System.Console.WriteLine($"{m.Year:D4}-{m.Month:D2}: {m.Projects} projects reused results ({m.Records} checks)");
        foreach (var e in s.Expiring) System.Console.WriteLine($"expiring: {e.Area.UnitCode} {e.Item.ItemName} on {AssessmentJson.Date(e.ValidTo)} ({e.DaysLeft} days)");
        return 0;
    }
}
