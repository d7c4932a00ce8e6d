using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Cli.Console;
using OneBlueprint.Engines.Discrepancy;
using OneBlueprint.Engines.Discrepancy.Classification;
using OneBlueprint.Engines.Discrepancy.Results;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Formats;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;
using Spectre.Console;

namespace OneBlueprint.Cli.Commands;

/// <summary>
/// `ob diff A B`: discrepancy-patch analysis (差异图斑分析) of two plan files, in-process with
/// <see cref="DiscrepancyEngine"/>: totals per class and per CYLXDM, slivers filtered, the area balance of both plans, and
/// optionally the patches written to a file. Plan A is the 土规 side (TGYDXZ), plan B the 城规 side (CGYDXZ).
/// </summary>
public sealed class DiffCommand : ICommand
{
    public string Name => "diff";
    public string Summary => "discrepancy patches of two plans (差异图斑): ob diff A B --field-a F --field-b G [--json]";
    public string Usage => """
        usage: ob diff A B --field-a F --field-b G [--classes FILE | --as-is] [--min-area M2] [--min-width M]
                       [--out patches.geojson|.shp|.gpkg] [--to-crs EPSG:N] [--crs-a EPSG:N] [--crs-b EPSG:N]
                       [--districts FILE [--district-code XZQDM] [--district-name XZQMC]]
                       [--jbnt FILE] [--sthx FILE] [--kfbj FILE] [--count-one-sided] [--json]
          A, B           the two plans (GeoJSON, Shapefile, GeoPackage): A is the 土地利用总体规划 side (its value is TGYDXZ),
                         B the 城市总体规划 side (CGYDXZ). Each must be a coverage (features do not overlap).
          --field-a/-b   the attribute holding each plan's land use (e.g. TDGHDL, YDXZ)
          --classes      a classification file: one table for both plans, or {"a": {…}, "b": {…}}; default: the built-in
                         土规 TDGHDL table for A and the 城规 GB 50137-2011 table for B (建设用地/非建设用地, giving CYLXDM)
          --as-is        compare the values as they are: a patch wherever they differ
          --min-area     patch polygons below this many m² are slivers: counted, not kept (default 1)
          --min-width    patch polygons with mean width 2·area/perimeter below this many metres are slivers (default 0.1)
          --out          write the kept patches (attributes XH, PART, CYLXDM, CYLXMC, SFCT, TGYDXZ, CGYDXZ, TGFL, CGFL,
                         AID, BID (record numbers), XZQDM, XZQMC, JBNT, STHX, KFBJ, TYMJ planar m², TQMJ ellipsoidal m²)
                         in A's coordinate system, or --to-crs
          --crs-a/-b     a plan's CRS when its file does not declare it (else guessed from the coordinates)
          --districts    cut patches by districts and give them XZQDM/XZQMC (the fields named by --district-code/-name)
          --jbnt/--sthx/--kfbj  永久基本农田 / 生态保护红线 / 城镇开发边界 layers: each patch's overlap with them
          --count-one-sided     parts present in one plan only are counted, not made patches
          --json         print the totals as JSON (no progress bar)
        Areas are measured in a metric Gauss-Krüger system: A's own when it is one, else the 3° zone of A's centre; both
        plans (and the other layers) are reprojected to it. Ellipsoidal areas are on CGCS2000. Exit code 0 when done
        (the JSON says whether area was conserved), 2 for bad input, 130 when cancelled (nothing written).
        """;
    public IReadOnlySet<string> Flags => new HashSet<string> { "json", "as-is", "count-one-sided" };

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var pathA = args.Positional(0, "plan A (土规 side)");
        var pathB = args.Positional(1, "plan B (城规 side)");
        var fieldA = args.Require("field-a", "the attribute of plan A to compare");
        var fieldB = args.Require("field-b", "the attribute of plan B to compare");
        var classesPath = args.Get("classes");
        var asIs = args.Has("as-is");
        var minArea = NonNegative(args.Get("min-area"), "min-area", SliverRules.Default.MinAreaM2);
        var minWidth = NonNegative(args.Get("min-width"), "min-width", SliverRules.Default.MinWidthM);
        var output = args.Get("out");
        var toSrid = args.GetSrid("to-crs");
        var crsA = args.GetSrid("crs-a");
        var crsB = args.GetSrid("crs-b");
        var districtsPath = args.Get("districts");
        var districtCode = args.Get("district-code") ?? "XZQDM";
        var districtName = args.Get("district-name") ?? "XZQMC";
        var jbnt = args.Get("jbnt");
        var sthx = args.Get("sthx");
        var kfbj = args.Get("kfbj");
        var countOneSided = args.Has("count-one-sided");
        var json = args.Has("json");
        args.RejectUnknown();
        if (asIs && classesPath is not null) throw new UsageException("give either --classes FILE or --as-is, not both");
        if (output is not null) FeatureFormats.ForPath(output); // an unknown ending fails before the work

        var clock = Stopwatch.StartNew();
        var setA = FeatureFormats.Read(pathA);
        var setB = FeatureFormats.Read(pathB);
        var sourceA = SourceSrid(setA, pathA, crsA);
        var sourceB = SourceSrid(setB, pathB, crsB);
        var working = WorkingSrid(setA, sourceA);
        setA.Srid = sourceA;
        setB.Srid = sourceB;
        var planA = Plan(setA.ReprojectTo(working), pathA, fieldA);
        var planB = Plan(setB.ReprojectTo(working), pathB, fieldB);

        var (classesA, classesB) = asIs ? (LandUseClassification.AsIs, LandUseClassification.AsIs)
            : classesPath is not null ? LandUseClassification.LoadPair(classesPath)
            : (LandUseClassification.LandUsePlan, LandUseClassification.UrbanPlan);
        var request = new DiscrepancyRequest
        {
            A = new PlanLayer(Path.GetFileName(pathA), planA, fieldA, classesA),
            B = new PlanLayer(Path.GetFileName(pathB), planB, fieldB, classesB),
            Srid = working,
            Slivers = new SliverRules(minArea, minWidth),
            OneSidedPatches = !countOneSided,
            Districts = districtsPath is null ? null : District.FromFeatures(Layer(districtsPath, working), districtCode, districtName),
            Farmland = Index("YJJBNTBHTB", jbnt, working),
            EcologicalRedline = Index("STBHHX", sthx, working),
            UrbanBoundary = Index("CZKFBJ", kfbj, working),
        };
        if (request.Districts is { Count: 0 })
            throw new InputException(InputProblem.Error("districts.empty", $"no district in '{Path.GetFileName(districtsPath)}' has a {districtCode} value",
                new SourceLocation(districtsPath), "Name the code and name fields with --district-code and --district-name."));

        var engine = DiscrepancyEngine.Default;
        var result = json
            ? await Task.Run(() => engine.Run(request, null, ct), ct)
            : await ProgressBar.RunAsync($"diff {Path.GetFileName(pathA)} × {Path.GetFileName(pathB)}", p => Task.Run(() => engine.Run(request, p, ct), ct), onStderr: true);

        string? written = null;
        if (output is not null)
        {
            var outSrid = toSrid ?? sourceA;
            var set = PatchSet(result, working, Path.GetFileNameWithoutExtension(output));
            FeatureFormats.Write(outSrid == working ? set : set.ReprojectTo(outSrid), output);
            written = $"{output} (EPSG:{outSrid})";
        }

        var report = Report(pathA, pathB, fieldA, fieldB, sourceA, sourceB, working, request, result, written, clock.Elapsed.TotalSeconds);
        if (json) System.Console.WriteLine(JsonSerializer.Serialize(report, JsonOutput.Options));
        else Print(report);
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Input

    private static double NonNegative(string? text, string name, double fallback)
    {
        if (text is null) return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v)
            ? v
            : throw new UsageException($"--{name} takes a number ≥ 0, not '{text}'");
    }

    private static int SourceSrid(FeatureSet set, string path, int? forced)
    {
        var envelope = new Envelope();
        foreach (var f in set.Features) envelope.ExpandToInclude(f.Geometry.EnvelopeInternal);
        var guess = envelope.IsNull ? null : CrsGuess.Guess(envelope, forced ?? set.Srid);
        var srid = forced ?? set.Srid ?? guess?.SuggestedSrid
            ?? throw new InputException(InputProblem.Error("crs.unknown", $"the coordinate system of '{Path.GetFileName(path)}' is not declared and cannot be guessed",
                new SourceLocation(path), $"Give --crs-a/--crs-b EPSG:N. {guess?.Description}"));
        if (!CrsRegistry.IsKnown(srid))
            throw new InputException(InputProblem.Error("crs.unsupported", $"EPSG:{srid} is not a coordinate system OneBlueprint knows",
                new SourceLocation(path), $"Use one of {CrsRegistry.SupportedRanges}."));
        return srid;
    }

    /// <summary>A's own system when it is Gauss-Krüger, else the unprefixed CGCS2000 3° zone of A's centre.</summary>
    private static int WorkingSrid(FeatureSet a, int sourceSrid)
    {
        if (CrsRegistry.IsGaussKruger(sourceSrid)) return sourceSrid;
        var envelope = new Envelope();
        foreach (var f in a.Features) envelope.ExpandToInclude(f.Geometry.EnvelopeInternal);
        if (envelope.IsNull) return CrsCatalog.DefaultWorking;
        var (lon, _) = CrsRegistry.IsGeographic(sourceSrid)
            ? (envelope.Centre.X, envelope.Centre.Y)
            : Reprojector.Transform(envelope.Centre.X, envelope.Centre.Y, sourceSrid, CrsCatalog.Cgcs2000);
        var zone = Math.Clamp((int)Math.Round(lon / 3.0), CrsCatalog.FirstZone, CrsCatalog.LastZone);
        return CrsCatalog.GaussKrugerSrid(GeodeticDatum.Cgcs2000, zone, prefixed: false);
    }

    /// <summary>The plan's features with their record numbers as ids; the field must exist in it.</summary>
    private static List<ControlFeature> Plan(FeatureSet set, string path, string field)
    {
        if (set.Features.Count > 0 && !set.Features.Any(f => f.Attributes.ContainsKey(field)))
        {
            var fields = set.Features.SelectMany(f => f.Attributes.Keys).Distinct().Take(30);
            throw new InputException(InputProblem.Error("diff.field_missing", $"no feature of '{Path.GetFileName(path)}' has the attribute '{field}'",
                new SourceLocation(path), $"Name one of its attributes: {string.Join(", ", fields)}."));
        }
        return set.Features.Select((f, i) => new ControlFeature(i + 1, f.Geometry, f.Attributes)).ToList();
    }

    private static List<ControlFeature> Layer(string path, int working)
    {
        var set = FeatureFormats.Read(path);
        set.Srid = SourceSrid(set, path, null);
        return set.ReprojectTo(working).Features.Select((f, i) => new ControlFeature(i + 1, f.Geometry, f.Attributes)).ToList();
    }

    private static ControlLayerIndex? Index(string code, string? path, int working) =>
        path is null ? null : ControlLayerIndex.Build(code, 0, working, Layer(path, working));

    // ---------------------------------------------------------------------------------------------------------------
    // Output

    /// <summary>The kept patches as features, attributes named as 两规差异 data usually are.</summary>
    public static FeatureSet PatchSet(DiscrepancyResult result, int srid, string name)
    {
        var set = new FeatureSet { Srid = srid, Name = name };
        foreach (var p in result.Patches)
        {
            var f = new GeoFeature(p.Geometry) { Id = p.Number.ToString(CultureInfo.InvariantCulture) };
            f.Attributes["XH"] = (long)p.Number;
            f.Attributes["PART"] = PartName(p.Kind);
            f.Attributes["CYLXDM"] = p.Cylxdm;
            f.Attributes["CYLXMC"] = p.CylxMc;
            f.Attributes["SFCT"] = p.IsConflict ? "是" : "否";
            f.Attributes["TGYDXZ"] = p.ValueA;
            f.Attributes["CGYDXZ"] = p.ValueB;
            f.Attributes["TGFL"] = p.ClassA;
            f.Attributes["CGFL"] = p.ClassB;
            f.Attributes["AID"] = p.FeatureIdA;
            f.Attributes["BID"] = p.FeatureIdB;
            f.Attributes["XZQDM"] = p.Xzqdm;
            f.Attributes["XZQMC"] = p.Xzqmc;
            f.Attributes["JBNT"] = YesNo(p.Jbnt);
            f.Attributes["STHX"] = YesNo(p.Sthx);
            f.Attributes["KFBJ"] = YesNo(p.Kfbj);
            f.Attributes["TYMJ"] = Math.Round(p.AreaM2, 4);
            f.Attributes["TQMJ"] = Math.Round(p.EllipsoidalAreaM2, 4);
            set.Features.Add(f);
        }
        return set;
    }

    private static string? YesNo(bool? flag) => flag switch { true => "是", false => "否", null => null };

    private static string PartName(PartKind kind) => kind switch
    {
        PartKind.Agreed => "agreed",
        PartKind.Differ => "differ",
        PartKind.OnlyA => "onlyA",
        _ => "onlyB",
    };

    public sealed record PlanReport(string File, string Field, int Features, int SkippedFeatures, int SourceSrid, string Classification);
    public sealed record AreaFigures(double M2, double Ha);
    public sealed record ClassRow(string Part, string? ClassA, string? ClassB, string? Cylxdm, string? CylxMc, bool? Conflict, int Patches,
        AreaFigures Area, double? EllipsoidalM2, int Slivers, double SliverM2);
    public sealed record TypeRow(string Cylxdm, string Name, bool Conflict, AreaFigures Agreed, int Patches, AreaFigures PatchArea, double PatchEllipsoidalM2,
        int Slivers, double SliverM2);
    public sealed record SliverReport(double MinAreaM2, double MinWidthM, int Count, double AreaM2, int TooSmall, int TooNarrow);
    public sealed record BalanceReport(double AreaM2, double AgreedM2, double DifferM2, double OneSidedM2, double SliverM2, double RepairChangeM2,
        double ResidualM2, double RelativeResidual, bool Conserved);
    public sealed record ConservationReport(double Tolerance, bool Conserved, BalanceReport A, BalanceReport B);
    public sealed record DiffReport(PlanReport A, PlanReport B, int WorkingSrid, string WorkingCrs, int Patches, IReadOnlyList<ClassRow> Classes,
        IReadOnlyList<TypeRow> Cylxdm, SliverReport Slivers, ConservationReport Conservation, IReadOnlyList<UnclassifiedValue> Unclassified,
        IReadOnlyList<string> Notes, OverlayWork Work, string? Written, double Seconds);

    public static DiffReport Report(string pathA, string pathB, string fieldA, string fieldB, int sourceA, int sourceB, int working,
        DiscrepancyRequest request, DiscrepancyResult r, string? written, double seconds)
    {
        static AreaFigures Area(double m2) => new(m2, AreaUnits.ToHectares(m2));
        static BalanceReport Balance(SideBalance b) => new(b.AreaM2, b.AgreedM2, b.DifferM2, b.OneSidedM2, b.SliverM2, b.RepairChangeM2,
            b.ResidualM2, b.RelativeResidual, b.Conserved);
        return new DiffReport(
            new PlanReport(pathA, fieldA, r.A.Features, r.A.SkippedFeatures, sourceA, request.A.Classification.Name),
            new PlanReport(pathB, fieldB, r.B.Features, r.B.SkippedFeatures, sourceB, request.B.Classification.Name),
            working, CrsRegistry.Name(working), r.Patches.Count,
            r.Classes.Select(c => new ClassRow(PartName(c.Kind), c.ClassA, c.ClassB, c.Cylxdm, c.Cylxdm is null ? null : DiscrepancyType.NameZh(c.Cylxdm),
                c.Cylxdm is null ? null : DiscrepancyType.IsConflict(c.Cylxdm), c.Patches, Area(c.AreaM2), c.EllipsoidalAreaM2, c.Slivers, c.SliverAreaM2)).ToList(),
            r.Types.Select(t => new TypeRow(t.Cylxdm, t.NameZh, t.Conflict, Area(t.AgreedAreaM2), t.Patches, Area(t.PatchAreaM2), t.PatchEllipsoidalAreaM2,
                t.Slivers, t.SliverAreaM2)).ToList(),
            new SliverReport(r.Slivers.Rules.MinAreaM2, r.Slivers.Rules.MinWidthM, r.Slivers.Count, r.Slivers.AreaM2, r.Slivers.TooSmall, r.Slivers.TooNarrow),
            new ConservationReport(SideBalance.Tolerance, r.Conserved, Balance(r.A), Balance(r.B)),
            r.Unclassified, r.Notes, r.Work, written, seconds);
    }

    private static void Print(DiffReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine($"A [bold]{Markup.Escape(r.A.File)}[/] ({r.A.Features:N0} features, {Markup.Escape(r.A.Field)}, {Markup.Escape(r.A.Classification)})");
        AnsiConsole.MarkupLine($"B [bold]{Markup.Escape(r.B.File)}[/] ({r.B.Features:N0} features, {Markup.Escape(r.B.Field)}, {Markup.Escape(r.B.Classification)})");
        AnsiConsole.MarkupLine($"measured in EPSG:{r.WorkingSrid} {Markup.Escape(r.WorkingCrs)}; {r.Patches:N0} patches");
        var table = new Table().AddColumns("part", "class A", "class B", "CYLXDM", "patches", "area m²", "ha", "slivers", "sliver m²");
        foreach (var c in r.Classes)
            table.AddRow(c.Part, Markup.Escape(c.ClassA ?? ""), Markup.Escape(c.ClassB ?? ""),
                c.Cylxdm is null ? "" : $"{c.Cylxdm} {Markup.Escape(c.CylxMc!)}{(c.Conflict == true ? " [red]冲突[/]" : "")}",
                c.Part == "agreed" ? "" : c.Patches.ToString("N0", inv), c.Area.M2.ToString("N2", inv), c.Area.Ha.ToString("N4", inv),
                c.Part == "agreed" ? "" : c.Slivers.ToString("N0", inv), c.Part == "agreed" ? "" : c.SliverM2.ToString("N2", inv));
        AnsiConsole.Write(table);
        if (r.Cylxdm.Count > 0)
        {
            var types = new Table().AddColumns("CYLXDM", "name", "agreed ha", "patches", "patch ha", "slivers");
            foreach (var t in r.Cylxdm)
                types.AddRow(t.Cylxdm, Markup.Escape(t.Name) + (t.Conflict ? " [red]冲突[/]" : ""), t.Agreed.Ha.ToString("N4", inv),
                    t.Patches.ToString("N0", inv), t.PatchArea.Ha.ToString("N4", inv), t.Slivers.ToString("N0", inv));
            AnsiConsole.Write(types);
        }
        AnsiConsole.MarkupLine($"slivers ({r.Slivers.MinAreaM2.ToString(inv)} m², mean width {r.Slivers.MinWidthM.ToString(inv)} m): {r.Slivers.Count:N0} filtered, {r.Slivers.AreaM2.ToString("N2", inv)} m²");
        foreach (var (name, b) in new[] { ("A", r.Conservation.A), ("B", r.Conservation.B) })
            AnsiConsole.MarkupLine($"area of {name}: {b.AreaM2.ToString("N2", inv)} m² = agreed {b.AgreedM2.ToString("N2", inv)} + differ {b.DifferM2.ToString("N2", inv)} + " +
                $"only {name} {b.OneSidedM2.ToString("N2", inv)} + slivers {b.SliverM2.ToString("N2", inv)}; residual {b.ResidualM2.ToString("G3", inv)} m² " +
                (b.Conserved ? "[green]conserved[/]" : "[red]NOT conserved[/]"));
        foreach (var n in r.Notes) AnsiConsole.MarkupLine($"[grey]note[/] {Markup.Escape(n)}");
        if (r.Written is not null) AnsiConsole.MarkupLine($"patches written to {Markup.Escape(r.Written)}");
    }
}
