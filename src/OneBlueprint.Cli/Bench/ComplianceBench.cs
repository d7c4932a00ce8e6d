using System.Diagnostics;
using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Cli.Console;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Rules;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// The compliance benchmark in one run: load the current control layers from PostGIS, generate the red lines, time
/// the engine in-process (fast paths, then plain NetTopologySuite on the subdivided index and on whole polygons),
/// profile it per layer, time the same checks as prepared PostGIS queries, then over HTTP against the real server
/// started in-process; compare the areas every way found, judge the targets and write the results.
/// </summary>
public sealed class ComplianceBench(ObDatabase db, BenchOptions options)
{
    public const string Method =
        "Each red line is checked against every control layer for overlap areas only (no geometry). In-process: one thread, " +
        "RedLine.Create (validity known) + ComplianceEngine.Check, after a warm-up pass; 'plainNts' turns the engine's fast " +
        "paths off (prepared red line + OverlayNG per intersecting piece) on the same subdivided index; 'plainNtsWholePolygons' " +
        "does the same on an index without subdivision. PostGIS: one prepared statement per red line on its own connection " +
        "(EWKB parameter; per-layer SUM of ST_Area(ST_Intersection) with ST_Contains short cut; big layers ST_Subdivide'd " +
        "(256 vertices unless --pg-subdivide says otherwise) in GiST-indexed temp tables); each round trip timed. HTTP: the real server in-process on loopback, " +
        "sequential requests for latency, then N concurrent clients for throughput. Percentiles are nearest-rank.";

    public async Task<ComplianceBenchReport> RunAsync(CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var machine = MachineInfo.Capture();
        var rules = ComplianceRules.Default;

        var loaded = await ProgressBar.RunAsync("load control layers from PostGIS", p =>
            new ControlLayerLoader(db).LoadAsync(rules, p, ct));
        var snapshot = loaded.Snapshot;
        var srid = loaded.WorkingSrid;
        Log($"loaded {snapshot.Layers.Count} control layers in {loaded.Seconds:0.0} s: " +
            string.Join(", ", loaded.Layers.Select(l => $"{l.Code} {l.Features:N0} features/{l.Pieces:N0} pieces (max {l.MaxVertices:N0} vertices)")));

        var generated = Stopwatch.StartNew();
        var redLines = await ProgressBar.RunAsync("generate red lines", p => Task.Run(() =>
            Generator(loaded, srid).Generate(options.Checks, p, ct), ct));
        generated.Stop();

        var engine = new ComplianceEngine(rules);
        var fast = await ProgressBar.RunAsync("engine (fast paths)", p => Task.Run(() =>
            EngineBench.Run("engine", engine, snapshot, redLines, srid, warmUp: redLines.Count, p, ct), ct));
        Log($"engine: {Line(fast.Stats)}");

        var plainEngine = new ComplianceEngine(rules, new ComplianceOptions { FastPaths = false });
        var plain = await ProgressBar.RunAsync("plain NTS (fast paths off)", p => Task.Run(() =>
            EngineBench.Run("plainNts", plainEngine, snapshot, redLines, srid, warmUp: Math.Min(100, redLines.Count), p, ct), ct));
        Log($"plain NTS: {Line(plain.Stats)}");

        var whole = await ProgressBar.RunAsync("plain NTS on whole polygons", p => Task.Run(() =>
        {
            var unsubdivided = WholePolygons(snapshot);
            return EngineBench.Run("plainNtsWholePolygons", plainEngine, unsubdivided, redLines, srid, warmUp: Math.Min(50, redLines.Count), p, ct);
        }, ct));
        Log($"plain NTS, whole polygons: {Line(whole.Stats)}");
        EngineBench.Settle();

        var profile = await ProgressBar.RunAsync("profile per layer", p => Task.Run(() =>
            EngineProfile.Measure(engine, snapshot, redLines, srid, p, ct), ct));

        await using var postGis = new PostGisBench(db, options.PostGisSubdivideVertices);
        await ProgressBar.RunAsync("PostGIS: subdivided, indexed copies", async p =>
        {
            await postGis.SetUpAsync(loaded.Layers, p, ct);
            return 0;
        });
        var pg = await ProgressBar.RunAsync("PostGIS: one prepared query per red line", p =>
            postGis.RunAsync(redLines, warmUp: Math.Min(50, redLines.Count), p, ct));
        Log($"PostGIS: {Line(pg.Stats)}");

        HttpBench.Outcome? http = null;
        string? httpSkipped = options.SkipHttp ? "skipped (--no-http)" : null;
        if (!options.SkipHttp)
        {
            http = await new HttpBench(db, options).RunAsync(redLines, ct);
            httpSkipped = http.Skipped;
            if (http.Figures is { } h)
                Log($"HTTP: sequential {Line(h.Sequential.Latency)}; {h.Concurrent.Clients} clients {h.Concurrent.ChecksPerSecond:0} checks/s");
        }

        var agreement = new List<AreaAgreement>
        {
            AreaAgreement.Compare("engine", fast.Areas, "postgis", pg.Areas, redLines),
            AreaAgreement.Compare("engine", fast.Areas, "plainNts", plain.Areas, redLines),
            AreaAgreement.Compare("engine", fast.Areas, "plainNtsWholePolygons", whole.Areas, redLines),
        };
        if (http?.Areas is { } httpAreas) agreement.Add(AreaAgreement.Compare("engine", fast.Areas, "http", httpAreas, redLines));

        var inProcess = new Dictionary<string, ModeFigures>
        {
            ["engine"] = ModeFigures.From("ComplianceEngine with fast paths (the default), subdivided index", fast, redLines),
            ["plainNts"] = ModeFigures.From("fast paths off: prepared red line + OverlayNG per intersecting piece, subdivided index", plain, redLines),
            ["plainNtsWholePolygons"] = ModeFigures.From("fast paths off, index without subdivision (whole polygons)", whole, redLines),
        };
        var pgFigures = new PostGisFigures(
            $"one prepared statement per red line; UNION ALL of one SUM per layer; ST_Contains short cut; big layers ST_Subdivide(geom, {options.PostGisSubdivideVertices}); GiST-indexed temp tables",
            postGis.Tables, postGis.Sql, postGis.Settings,
            ModeFigures.From("PostGIS round trip (Npgsql, prepared statement, EWKB parameter)", pg, redLines));

        var report = new ComplianceBenchReport
        {
            Timestamp = DateTimeOffset.Now,
            CommandLine = options.CommandLine,
            Method = Method,
            Machine = machine.WithEndLoad(),
            Data = new BenchData(ScaleOf(loaded), await SourceOf(loaded, ct), srid, loaded.Seconds, loaded.Layers,
                Summarise(redLines, generated.Elapsed.TotalSeconds), LayerOverlapSummary.Of(fast.Areas, redLines)),
            InProcess = inProcess,
            PostGis = pgFigures,
            Http = http?.Figures,
            HttpSkipped = httpSkipped,
            Ratios = Ratios(fast.Stats, plain.Stats, whole.Stats, pg.Stats, http?.Figures),
            Agreement = agreement,
            Profile = Profile(profile, fast, pg, redLines, r => EngineBench.RetimeMs(engine, snapshot, r, srid)),
            Targets = BenchTarget.Evaluate(fast.Stats, pg.Stats, http?.Figures?.Concurrent, agreement[0]),
            TotalSeconds = total.Elapsed.TotalSeconds,
        };

        var directory = Path.GetDirectoryName(Path.GetFullPath(options.OutputPath));
        if (directory is not null) Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(options.OutputPath, JsonSerializer.Serialize(report, JsonOutput.Options) + "\n", ct);
        return report;
    }

    private RedLineGenerator Generator(LoadedBlueprint loaded, int srid)
    {
        var factory = GeometryKit.Factory(srid);
        IReadOnlyList<Geometry> Features(string code) =>
            loaded.Snapshot[code]?.Features.Select(f => f.Geometry).ToArray() ?? [];
        IReadOnlyList<Geometry> city = loaded.Districts.Count > 0
            ? loaded.Districts
            : [factory.ToGeometry(loaded.Snapshot.Layers.Aggregate(new Envelope(), (e, l) =>
            {
                foreach (var f in l.Features) e.ExpandToInclude(f.Geometry.EnvelopeInternal);
                return e;
            }))];
        try
        {
            var places = new RedLinePlaces(city, Features("STBHHX"), Features("CZKFBJ"));
            return new RedLineGenerator(places, factory, options.Seed);
        }
        catch (ArgumentException e)
        {
            throw new BenchSetupException($"{e.Message.Split(" (Parameter")[0]}: the benchmark needs the demo city's layers (./ob gen-demo --scale city --load)");
        }
    }

    /// <summary>The same layers indexed without subdivision: what plain NetTopologySuite on the stored polygons does.</summary>
    private static BlueprintSnapshot WholePolygons(BlueprintSnapshot snapshot) => new(snapshot.Layers.Select(l =>
        ControlLayerIndex.Build(l.Code, l.LayerVersionId, l.Srid, l.Features,
            ControlLayerIndexOptions.Default with { MaxPieceVertices = int.MaxValue })));

    private static string ScaleOf(LoadedBlueprint loaded) =>
        loaded.Layers.FirstOrDefault(l => l.Code == "YJJBNTBHTB") is { Features: >= 200_000 } ? "city" : "demo (fewer than 200,000 farmland patches)";

    private async Task<string?> SourceOf(LoadedBlueprint loaded, CancellationToken ct)
    {
        var farmland = loaded.Layers.FirstOrDefault(l => l.Code == "YJJBNTBHTB") ?? loaded.Layers.FirstOrDefault();
        if (farmland is null) return null;
        var version = await new LayerStore(db).GetVersionByIdAsync(farmland.LayerVersionId, ct);
        return version?.Note;
    }

    private RedLineSetSummary Summarise(IReadOnlyList<BenchRedLine> redLines, double seconds) => new(
        options.Seed,
        redLines.Count,
        Enum.GetValues<RedLineClass>().ToDictionary(c => c.ToName(), c => redLines.Count(r => r.Class == c)),
        Enum.GetValues<RedLineClass>().ToDictionary(c => c.ToName(), c => redLines.Count(r => r.Class == c && r.AsIntended)),
        redLines.Count(r => r.Parcels > 1),
        redLines.Count(r => r.Holes > 0),
        Spread.Of(redLines.Select(r => (double)r.Vertices)),
        Spread.Of(redLines.Select(r => AreaUnits.ToHectares(r.AreaM2))),
        $"area {RedLineGenerator.MinHectares}–{RedLineGenerator.MaxHectares} ha log-uniform; vertices {RedLineGenerator.MinVertices}–{RedLineGenerator.MaxVertices} uniform; " +
        "1/2/3 parcels 70/20/10 % (as the vertex budget allows); a hole in one parcel of four with ≥ 12 outer vertices; millimetre coordinates",
        seconds);

    private static Dictionary<string, double?> Ratios(LatencyStats engine, LatencyStats plain, LatencyStats whole, LatencyStats pg, HttpFigures? http)
    {
        static double? Ratio(double a, double b) => b > 0 && a > 0 ? a / b : null;
        var r = new Dictionary<string, double?>
        {
            ["postgisP50OverEngineP50"] = Ratio(pg.P50Ms, engine.P50Ms),
            ["postgisP90OverEngineP90"] = Ratio(pg.P90Ms, engine.P90Ms),
            ["postgisP99OverEngineP99"] = Ratio(pg.P99Ms, engine.P99Ms),
            ["postgisMeanOverEngineMean"] = Ratio(pg.MeanMs, engine.MeanMs),
            ["plainNtsP50OverEngineP50"] = Ratio(plain.P50Ms, engine.P50Ms),
            ["plainNtsP99OverEngineP99"] = Ratio(plain.P99Ms, engine.P99Ms),
            ["plainNtsWholeP50OverEngineP50"] = Ratio(whole.P50Ms, engine.P50Ms),
            ["plainNtsWholeP99OverEngineP99"] = Ratio(whole.P99Ms, engine.P99Ms),
            ["postgisP50OverPlainNtsP50"] = Ratio(pg.P50Ms, plain.P50Ms),
        };
        if (http is not null)
        {
            r["httpSequentialP50OverEngineP50"] = Ratio(http.Sequential.Latency.P50Ms, engine.P50Ms);
            r["postgisP50OverHttpSequentialP50"] = Ratio(pg.P50Ms, http.Sequential.Latency.P50Ms);
        }
        return r;
    }

    private static ProfileFigures Profile(EngineProfile profile, TimedRun fast, TimedRun pg, IReadOnlyList<BenchRedLine> redLines,
        Func<BenchRedLine, double> retime)
    {
        var layerTotals = profile.LayerTicks.Select(t => (double)t.Sum()).ToArray();
        var all = Math.Max(1, layerTotals.Sum());
        var layers = profile.LayerCodes.Select((code, k) => new LayerProfile(
            code,
            LatencyStats.FromTicks(profile.LayerTicks[k]),
            layerTotals[k] / all,
            Enum.GetValues<RedLineClass>().ToDictionary(c => c.ToName(), c =>
            {
                var ms = redLines.Where(r => r.Class == c).Select(r => profile.LayerMs(k, r.Index)).ToArray();
                return ms.Length == 0 ? 0 : ms.Average();
            }))).ToArray();
        var slowest = redLines
            .Where(r => fast.Ticks[r.Index] >= 0)
            .OrderByDescending(r => fast.Ticks[r.Index])
            .Take(10)
            .Select(r =>
            {
                var k = Enumerable.Range(0, profile.LayerCodes.Count).MaxBy(k => profile.LayerTicks[k][r.Index]);
                return new SlowRedLine(r.Index, r.Class.ToName(), r.Vertices, r.Parcels, r.Holes, AreaUnits.ToHectares(r.AreaM2),
                    LatencyStats.ToMilliseconds(fast.Ticks[r.Index]),
                    retime(r),
                    pg.Ticks[r.Index] >= 0 ? LatencyStats.ToMilliseconds(pg.Ticks[r.Index]) : null,
                    profile.LayerCodes[k], profile.LayerMs(k, r.Index),
                    Enumerable.Range(0, profile.LayerCodes.Count).Sum(j => profile.LayerMs(j, r.Index)));
            })
            .ToArray();
        return new ProfileFigures(
            LatencyStats.FromTicks(profile.PrepareTicks),
            LatencyStats.FromTicks(profile.ValidateAndPrepareTicks),
            layers,
            slowest,
            "prepareRedLine: RedLine.Create with validity known (part of every engine check); validateAndPrepareRedLine: the same " +
            "with NTS IsValidOp, as a caller that has not validated would pay. Layers: each layer alone in a snapshot, same red " +
            "lines, areas only; shareOfLayerTime is that layer's part of the sum over layers.");
    }

    private static string Line(LatencyStats s) =>
        $"p50 {s.P50Ms:0.000} ms, p90 {s.P90Ms:0.000}, p99 {s.P99Ms:0.000}, max {s.MaxMs:0.0}, mean {s.MeanMs:0.000} ms";

    private static void Log(string message) => System.Console.Error.WriteLine(message);
}
