using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Cli.Console;
using OneBlueprint.Engines.Topology;
using OneBlueprint.Formats;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;
using Spectre.Console;

namespace OneBlueprint.Cli.Commands;

/// <summary>
/// `ob topology FILE`: topology checks of one polygon layer in a file (拓扑检查) — invalid features with the reason and
/// where, overlapping neighbour pairs with the shared area, and gaps (holes between neighbours no wider than
/// --max-gap-width). Validity is judged on the file's own coordinates (what PostGIS ST_IsValidReason says on the file);
/// overlaps and gaps are measured in metres: lon/lat input is converted to CGCS2000 (from GCJ-02 for DataV/AMap files)
/// and projected to the CGCS2000 3° Gauss-Krüger zone of the data's centre; ellipsoidal areas are on CGCS2000.
/// </summary>
public sealed class TopologyCommand : ICommand
{
    public string Name => "topology";
    public string Summary => "invalid features, overlaps and gaps of one layer: ob topology FILE [--json]";
    public string Usage => """
        usage: ob topology FILE [--name-field NAME] [--max-gap-width M] [--min-area M2] [--out FILE] [--crs EPSG:N] [--gcj02 | --not-gcj02] [--json]
          FILE             a polygon layer: GeoJSON, Shapefile (.shp/.zip), GeoPackage (file.gpkg|table) or 界址点 TXT
          --name-field     the attribute that names features (default: the first of name, NAME, 名称, XZQMC, MC, DKMC, DKBH)
          --max-gap-width  holes between features up to this width (metres, maximum inscribed circle) are gaps; default 100
          --min-area       leave out overlaps and gaps of at most this many m², counted in a note (default 0.01: the
                           numerical dust a union leaves; 0 reports everything with area)
          --out            also write every finding (points for invalid features, polygons for overlaps and gaps) in
                           EPSG:4490 lon/lat to this file (.geojson, .gpkg)
          --crs            the coordinates' CRS when the file does not declare it
          --gcj02          the lon/lat are GCJ-02 (AMap/DataV web data); detected for DataV files, --not-gcj02 turns that off
          --json           machine-readable output; no progress bar
        Exit code 0 when the check ran (whatever it found), 2 for bad input.
        """;
    public IReadOnlySet<string> Flags => new HashSet<string> { "json", "gcj02", "not-gcj02" };

    public const double DefaultMaxGapWidthM = 100;

    /// <summary>Overlaps and gaps of at most a square decimetre are numerical dust (unions of real data leave holes of 1e-15 m²).</summary>
    public const double DefaultMinAreaM2 = 0.01;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var path = args.Positional(0, "the layer file to check");
        var json = args.Has("json");
        var nameField = args.Get("name-field");
        var maxGapWidth = GetPositive(args, "max-gap-width") ?? DefaultMaxGapWidthM;
        var minArea = GetPositive(args, "min-area", allowZero: true) ?? DefaultMinAreaM2;
        var outPath = args.Get("out");
        var forcedSrid = args.GetSrid("crs");
        var gcj = args.Has("gcj02") ? true : args.Has("not-gcj02") ? false : (bool?)null;
        args.RejectUnknown();
        if (outPath is not null) FeatureFormats.ForPath(outPath); // refuse an unknown ending before the work

        var clock = Stopwatch.StartNew();
        var set = FeatureFormats.Read(path);
        var input = Prepare(set, path, new InputOptions(forcedSrid, gcj, nameField));
        var options = new TopologyOptions { MaxGapWidthM = maxGapWidth, MinAreaM2 = minArea, ReportInvalid = false };
        var result = json
            ? await Task.Run(() => TopologyEngine.CheckLayer(input.Layer, options, null, ct), ct)
            : await ProgressBar.RunAsync($"topology {Path.GetFileName(path)}", p => Task.Run(() => TopologyEngine.CheckLayer(input.Layer, options, p, ct), ct), onStderr: true);
        var report = Report(path, input, result, minArea, clock.Elapsed.TotalSeconds);

        if (outPath is not null) FeatureFormats.Write(FindingsLayer(input, result), outPath);
        if (json) System.Console.WriteLine(JsonSerializer.Serialize(report, JsonOutput.Options));
        else Print(report, outPath);
        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Input: CRS, GCJ-02, names, validity on the file's own coordinates, projection to a metric zone

    public sealed record InputOptions(int? ForcedSrid, bool? Gcj02, string? NameField);

    /// <summary>One feature as the file has it: 1-based record number, id, name, and its validity on the file's coordinates.</summary>
    public sealed record InputFeature(int Record, string? Id, string? Name, InvalidGeometry? Invalid);

    /// <summary>
    /// The layer ready for the engine (in <see cref="WorkingSrid"/>), what the file's coordinates were taken to be, and
    /// a sentence for each decision (CRS, GCJ-02, names) so the output can say how it measured.
    /// </summary>
    public sealed record PreparedInput(TopologyLayer Layer, IReadOnlyList<InputFeature> Features, int SourceSrid, bool Gcj02,
        int WorkingSrid, string? NameField, IReadOnlyList<string> Decisions)
    {
        public Dictionary<string, InputFeature> ById { get; } = new(StringComparer.Ordinal);
    }

    public static PreparedInput Prepare(FeatureSet set, string path, InputOptions options)
    {
        var decisions = new List<string>();
        var envelope = new Envelope();
        foreach (var f in set.Features) envelope.ExpandToInclude(f.Geometry.EnvelopeInternal);
        var guess = envelope.IsNull ? null : CrsGuess.Guess(envelope, options.ForcedSrid ?? set.Srid);
        var sourceSrid = options.ForcedSrid ?? set.Srid ?? guess?.SuggestedSrid
            ?? throw new InputException(InputProblem.Error("crs.unknown", $"the coordinate system of '{Path.GetFileName(path)}' is not declared and cannot be guessed",
                new SourceLocation(path), $"Give --crs EPSG:N. {guess?.Description}"));
        if (!CrsRegistry.IsKnown(sourceSrid))
            throw new InputException(InputProblem.Error("crs.unsupported", $"EPSG:{sourceSrid} is not a coordinate system OneBlueprint knows",
                new SourceLocation(path), $"Use one of {CrsRegistry.SupportedRanges}, or give --crs."));
        decisions.Add($"coordinates: EPSG:{sourceSrid} {CrsRegistry.Name(sourceSrid)} ({(options.ForcedSrid is not null ? "--crs" : set.Srid is not null ? "declared by the file" : "guessed from the coordinates")})");

        var geographic = CrsRegistry.IsGeographic(sourceSrid);
        var dataV = LooksLikeDataV(set);
        var gcj = geographic && CrsRegistry.Datum(sourceSrid) == GeodeticDatum.Cgcs2000 && (options.Gcj02 ?? dataV);
        if (gcj)
            decisions.Add(options.Gcj02 == true
                ? "GCJ-02 (--gcj02): converted to CGCS2000 lon/lat with the public offset formula (inverted by iteration, ~0.1 mm) before measuring"
                : "GCJ-02: the properties (adcode, center/centroid/acroutes) mark a DataV/AMap file, whose lon/lat are GCJ-02 (~550 m off CGCS2000 in Henan); converted to CGCS2000 with the public offset formula before measuring (--not-gcj02 turns this off)");
        else if (dataV && geographic)
            decisions.Add("looks like a DataV/AMap file but --not-gcj02 was given: lon/lat taken as CGCS2000");

        var workingSrid = WorkingSrid(envelope, sourceSrid, gcj);
        decisions.Add(CrsRegistry.IsGaussKruger(sourceSrid)
            ? $"measured in the file's own EPSG:{workingSrid} {CrsRegistry.Name(workingSrid)}"
            : $"measured in EPSG:{workingSrid} {CrsRegistry.Name(workingSrid)}, the 3° Gauss-Krüger zone of the data's centre (planar areas far from its central meridian carry the projection's scale error: about +0.08% at 2°, +0.26% at 3.5°; the ellipsoidal areas are exact)");

        var nameField = options.NameField;
        if (nameField is not null)
        {
            if (!set.Features.Any(f => f.Attributes.ContainsKey(nameField)))
                throw new InputException(InputProblem.Error("attribute.missing", $"no feature has the attribute '{nameField}'", new SourceLocation(path),
                    $"Use one of: {string.Join(", ", set.Features.SelectMany(f => f.Attributes.Keys).Distinct().Take(30))}."));
        }
        else nameField = TopologyFeature.NameFieldCandidates.FirstOrDefault(c => set.Features.Any(f => f.Attributes.ContainsKey(c)));
        decisions.Add(nameField is null ? "names: none (no name attribute found; give --name-field)" : $"names: attribute '{nameField}'");

        var ids = set.Features.Select(f => f.Id).ToList();
        var idsUsable = ids.All(i => !string.IsNullOrEmpty(i)) && ids.Distinct(StringComparer.Ordinal).Count() == ids.Count;
        var features = new InputFeature[set.Features.Count];
        var analysed = new TopologyFeature[set.Features.Count];
        Parallel.For(0, set.Features.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var f = set.Features[i];
            var name = nameField is not null && f.Attributes.TryGetValue(nameField, out var v) && v is not null
                ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
            var id = idsUsable ? f.Id! : $"#{i + 1}";
            features[i] = new InputFeature(i + 1, f.Id, name, InvalidGeometry.Of(f.Geometry));
            var lonLat = gcj ? Gcj02.ToCgcs2000(f.Geometry) : f.Geometry;
            var projected = workingSrid == sourceSrid ? f.Geometry : Reprojector.Transform(lonLat, sourceSrid, workingSrid);
            analysed[i] = new TopologyFeature(id, name, projected);
        });
        var prepared = new PreparedInput(new TopologyLayer(set.Name ?? Path.GetFileNameWithoutExtension(path), workingSrid, analysed),
            features, sourceSrid, gcj, workingSrid, nameField, decisions);
        for (var i = 0; i < analysed.Length; i++) prepared.ById[analysed[i].Id] = features[i];
        return prepared;
    }

    /// <summary>DataV GeoAtlas files (and AMap exports) carry adcode with center/centroid/acroutes in their properties.</summary>
    public static bool LooksLikeDataV(FeatureSet set)
    {
        if (set.Features.Count == 0) return false;
        var marked = set.Features.Count(f => f.Attributes.ContainsKey("adcode")
            && (f.Attributes.ContainsKey("center") || f.Attributes.ContainsKey("centroid") || f.Attributes.ContainsKey("acroutes")));
        return marked * 2 > set.Features.Count;
    }

    /// <summary>A Gauss-Krüger system to measure in: the file's own when it is one, else the 3° zone of the data's centre.</summary>
    private static int WorkingSrid(Envelope envelope, int sourceSrid, bool gcj)
    {
        if (CrsRegistry.IsGaussKruger(sourceSrid)) return sourceSrid;
        if (envelope.IsNull) return CrsCatalog.DefaultWorking;
        var (x, y) = (envelope.Centre.X, envelope.Centre.Y);
        var datum = GeodeticDatum.Cgcs2000;
        if (CrsRegistry.IsGeographic(sourceSrid)) datum = CrsRegistry.Datum(sourceSrid);
        else (x, y) = Reprojector.Transform(x, y, sourceSrid, CrsCatalog.Cgcs2000);
        if (gcj) (x, y) = Gcj02.ToWgs84(x, y);
        var zone = Math.Clamp((int)Math.Round(x / 3.0), CrsCatalog.FirstZone, CrsCatalog.LastZone);
        return CrsCatalog.GaussKrugerSrid(datum, zone, prefixed: false);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Report

    public sealed record FeatureLabel(int Record, string? Id, string? Name);
    public sealed record XY(double X, double Y);
    public sealed record LonLat(double Lon, double Lat);
    public sealed record Area(double M2, double Ha, double EllipsoidalM2);
    public sealed record InvalidReport(int Record, string? Id, string? Name, string Reason, string Code, XY? At, LonLat? LonLatCgcs2000);
    public sealed record OverlapReport(int Number, FeatureLabel A, FeatureLabel B, Area Area, LonLat? Centre);
    public sealed record GapReport(int Number, IReadOnlyList<FeatureLabel> Between, Area Area, double WidthM, LonLat? Centre);
    public sealed record GapSummary(int Count, Area Area, double? MaxWidthM, int WiderHoles, double WiderHolesAreaM2, IReadOnlyList<GapReport> Gaps);
    public sealed record MeasureReport(int SourceSrid, bool Gcj02, int WorkingSrid, string WorkingName, string Areas, IReadOnlyList<string> Decisions);
    public sealed record LeftOut(double MinAreaM2, int Count, double AreaM2);
    public sealed record TopologyReport(string File, int Features, string? NameField, MeasureReport Crs,
        IReadOnlyList<InvalidReport> Invalid, IReadOnlyList<OverlapReport> Overlaps, Area OverlapArea, GapSummary Gaps,
        LeftOut LeftOut, IReadOnlyList<string> Notes, double Seconds);

    public static TopologyReport Report(string path, PreparedInput input, TopologyResult result, double minAreaM2, double seconds)
    {
        var invalid = input.Features.Where(f => f.Invalid is not null).Select(f =>
        {
            var at = f.Invalid!.Location;
            return new InvalidReport(f.Record, f.Id, f.Name, f.Invalid.Reason, f.Invalid.Code,
                at is null ? null : new XY(at.X, at.Y), at is null ? null : ToLonLat(input, at.X, at.Y));
        }).ToList();

        var overlaps = result.OfKind(TopologyKinds.Overlap).Select((f, k) =>
            new OverlapReport(k + 1, Label(input, f.Features[0]), Label(input, f.Features[1]), AreaOf(f.Area!), Centre(input, f.Geometry))).ToList();
        var gaps = result.OfKind(TopologyKinds.Gap).Select((f, k) =>
            new GapReport(k + 1, f.Features.Select(r => Label(input, r)).ToList(), AreaOf(f.Area!), Math.Round(f.WidthM ?? 0, 3), Centre(input, f.Geometry))).ToList();

        var areas = (input.Gcj02 ? "GCJ-02 converted to CGCS2000; " : "") +
                    $"planar m² in EPSG:{input.WorkingSrid} ({CrsRegistry.Name(input.WorkingSrid)}); ellipsoidal m² on the CGCS2000 ellipsoid; validity judged on the file's own coordinates";
        var measure = new MeasureReport(input.SourceSrid, input.Gcj02, input.WorkingSrid, CrsRegistry.Name(input.WorkingSrid), areas, input.Decisions);
        var gapSummary = new GapSummary(gaps.Count, AreaOf(result.TotalArea(TopologyKinds.Gap)), result.MaxGapWidthM,
            result.WideHoleCount, Math.Round(result.WideHoleAreaM2, 3), gaps);
        return new TopologyReport(path, input.Features.Count, input.NameField, measure, invalid, overlaps,
            AreaOf(result.TotalArea(TopologyKinds.Overlap)), gapSummary, new LeftOut(minAreaM2, result.FilteredCount, Math.Round(result.FilteredAreaM2, 6)),
            result.Notes, Math.Round(seconds, 3));
    }

    private static FeatureLabel Label(PreparedInput input, TopologyFeatureRef r) =>
        input.ById.TryGetValue(r.Id, out var f) ? new FeatureLabel(f.Record, f.Id, f.Name) : new FeatureLabel(0, r.Id, r.Name);

    private static Area AreaOf(AreaMeasure a) =>
        new(Math.Round(a.PlanarM2, 3), Math.Round(a.PlanarHa, 6), Math.Round(a.EllipsoidalM2, 3));

    /// <summary>A point of the file's coordinates as CGCS2000 lon/lat.</summary>
    private static LonLat ToLonLat(PreparedInput input, double x, double y)
    {
        if (input.Gcj02) (x, y) = Gcj02.ToWgs84(x, y);
        else if (input.SourceSrid != CrsCatalog.Cgcs2000 && input.SourceSrid != CrsCatalog.Wgs84)
            (x, y) = Reprojector.Transform(x, y, input.SourceSrid, CrsCatalog.Cgcs2000);
        return new LonLat(Math.Round(x, 7), Math.Round(y, 7));
    }

    private static LonLat? Centre(PreparedInput input, Geometry g)
    {
        var p = g.InteriorPoint;
        if (p.IsEmpty) return null;
        var (lon, lat) = Reprojector.Transform(p.X, p.Y, input.WorkingSrid, CrsCatalog.Cgcs2000);
        return new LonLat(Math.Round(lon, 7), Math.Round(lat, 7));
    }

    /// <summary>Every finding as a feature in EPSG:4490 lon/lat: invalid features as points at the error, the rest as areas.</summary>
    public static FeatureSet FindingsLayer(PreparedInput input, TopologyResult result)
    {
        var set = new FeatureSet { Srid = CrsCatalog.Cgcs2000, Name = "topology" };
        foreach (var f in input.Features.Where(f => f.Invalid?.Location is not null))
        {
            var at = ToLonLat(input, f.Invalid!.Location!.X, f.Invalid.Location.Y);
            var feature = new GeoFeature(GeometryKit.Factory(CrsCatalog.Cgcs2000).CreatePoint(new Coordinate(at.Lon, at.Lat)));
            Fill(feature, TopologyKinds.Invalid, f.Name ?? f.Id ?? $"#{f.Record}", f.Id ?? $"#{f.Record}", null, null, null, f.Invalid.Reason);
            set.Features.Add(feature);
        }
        foreach (var f in result.Findings.Where(f => f.Kind != TopologyKinds.Invalid))
        {
            var feature = new GeoFeature(Reprojector.Transform(f.Geometry, input.WorkingSrid, CrsCatalog.Cgcs2000));
            Fill(feature, f.Kind, string.Join(" / ", f.Features.Select(r => r.Label)), string.Join(",", f.Features.Select(r => r.Id)),
                f.Area?.PlanarM2, f.Area?.EllipsoidalM2, f.WidthM, null);
            set.Features.Add(feature);
        }
        for (var i = 0; i < set.Features.Count; i++) set.Features[i].Attributes["number"] = (long)(i + 1);
        return set;
    }

    private static void Fill(GeoFeature f, string kind, string labels, string ids, double? area, double? ellipsoidal, double? width, string? reason)
    {
        f.Attributes["kind"] = kind;
        f.Attributes["kind_zh"] = TopologyKinds.ChineseName(kind);
        f.Attributes["features"] = labels;
        f.Attributes["ids"] = ids;
        f.Attributes["area_m2"] = area is { } a ? Math.Round(a, 3) : null;
        f.Attributes["ell_m2"] = ellipsoidal is { } e ? Math.Round(e, 3) : null;
        f.Attributes["width_m"] = width is { } w ? Math.Round(w, 3) : null;
        f.Attributes["reason"] = reason;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Console

    private static double? GetPositive(CommandArgs args, string name, bool allowZero = false)
    {
        var text = args.Get(name);
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0 || (v == 0 && !allowZero))
            throw new UsageException($"--{name} takes a {(allowZero ? "non-negative" : "positive")} number of {(name == "min-area" ? "square metres" : "metres")}, not '{text}'");
        return v;
    }

    private static void Print(TopologyReport r, string? outPath)
    {
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLineInterpolated($"[bold]{r.File}[/]: {r.Features} features, checked in {r.Seconds.ToString("0.0", inv)} s");
        foreach (var d in r.Crs.Decisions) AnsiConsole.MarkupLineInterpolated($"[grey]{d}[/]");

        AnsiConsole.MarkupLineInterpolated($"[bold]invalid features: {r.Invalid.Count}[/]");
        foreach (var f in r.Invalid)
            AnsiConsole.MarkupLineInterpolated(
                $"  [red]{f.Name ?? f.Id ?? "#" + f.Record}[/] (record {f.Record}): {f.Reason} at {(f.At is null ? "?" : string.Create(inv, $"{f.At.X} {f.At.Y}"))}{(f.LonLatCgcs2000 is { } ll && (f.At is null || ll.Lon != f.At.X) ? string.Create(inv, $" (CGCS2000 {ll.Lon:0.000000}, {ll.Lat:0.000000})") : "")}");

        AnsiConsole.MarkupLineInterpolated($"[bold]overlapping pairs: {r.Overlaps.Count}[/], {r.OverlapArea.M2.ToString("N1", inv)} m² ({r.OverlapArea.Ha.ToString("0.####", inv)} ha) in all");
        if (r.Overlaps.Count > 0)
        {
            var table = new Table().AddColumns("#", "feature", "feature", "overlap m²", "ellipsoidal m²");
            foreach (var o in r.Overlaps.Take(200))
                table.AddRow(o.Number.ToString(inv), Markup.Escape(Text(o.A)), Markup.Escape(Text(o.B)), o.Area.M2.ToString("N1", inv), o.Area.EllipsoidalM2.ToString("N1", inv));
            AnsiConsole.Write(table);
            if (r.Overlaps.Count > 200) AnsiConsole.MarkupLineInterpolated($"… {r.Overlaps.Count - 200} more (use --json or --out for all)");
        }

        var g = r.Gaps;
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]gaps ({(g.MaxWidthM is { } w ? $"≤ {w.ToString("0.###", inv)} m wide" : "every enclosed hole")}): {g.Count}[/], {g.Area.M2.ToString("N1", inv)} m² ({g.Area.Ha.ToString("0.####", inv)} ha, ellipsoidal {g.Area.EllipsoidalM2.ToString("N1", inv)} m²) in all");
        if (g.WiderHoles > 0)
            AnsiConsole.MarkupLineInterpolated($"  and {g.WiderHoles} wider enclosed hole(s), {g.WiderHolesAreaM2.ToString("N1", inv)} m², not counted as gaps");
        foreach (var gap in g.Gaps.OrderByDescending(x => x.Area.M2).Take(5))
            AnsiConsole.MarkupLineInterpolated(
                $"  largest: {gap.Area.M2.ToString("N1", inv)} m², {gap.WidthM.ToString("0.#", inv)} m wide, between {string.Join(", ", gap.Between.Select(Text))}{(gap.Centre is { } c ? string.Create(inv, $" near {c.Lon:0.0000}, {c.Lat:0.0000}") : "")}");
        AnsiConsole.MarkupLineInterpolated($"[grey]{r.Crs.Areas}[/]");
        foreach (var n in r.Notes) AnsiConsole.MarkupLineInterpolated($"[grey]note[/] {n}");
        if (outPath is not null) AnsiConsole.MarkupLineInterpolated($"findings written to {outPath} (EPSG:4490 lon/lat)");
    }

    private static string Text(FeatureLabel f) => f.Name ?? f.Id ?? $"#{f.Record}";
}
