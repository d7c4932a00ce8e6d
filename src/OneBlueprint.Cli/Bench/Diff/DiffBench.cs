using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using OneBlueprint.Cli.Console;
using OneBlueprint.Engines.Discrepancy;
using OneBlueprint.Engines.Discrepancy.Classification;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Cli.Bench.Diff;

/// <summary>
/// The discrepancy benchmark of issue 4 in one run: take a stored layer version (the farmland at city scale, ~226k
/// polygons), make its revised copy (<see cref="RevisedCopyGenerator"/>) and store it in PostGIS next to a copy of the
/// original, then time our engine end to end — read both plans from PostGIS, overlay, totals — and PostGIS doing the
/// same overlay in SQL (<see cref="PostGisDiff"/>), compare the areas per class, judge the targets and write the JSON.
/// The bench tables are dropped at the end.
/// </summary>
public sealed class DiffBench(ObDatabase db, string layerCode, string field, int seed, bool repeat)
{
    public const double SecondsTarget = 30, RatioTarget = 2;

    public const string Method =
        "Plan A = the current version of the layer in ob.layer_feature; plan B = its revised copy (seeded: ~2 % missing, ~3 % reclassified, " +
        "~2 % merged with a neighbour, ~2 % split in two, ~3 % with an edge moved 0.5–3 m, neighbours sharing the moved vertices moved too), " +
        "stored by binary COPY in an UNLOGGED table with a GiST index. Both compared as-is on the field. Engine, end to end and cold (a fresh " +
        "JIT is part of it): both plans read from PostGIS concurrently (id, field, EWKB; decoded in parallel), then DiscrepancyEngine.Run on " +
        "2 cores (identical features paired by fingerprint; the rest paired, common areas measured exactly by boundary integrals, OverlayNG for " +
        "patch geometry and undecided pairs; ellipsoidal areas, " +
        "sliver filter 1 m² / 0.1 m), totals. Peak memory: VmHWM of the process reset at the start of the run (Linux clear_refs), and the " +
        "managed heap sampled every 20 ms. PostGIS: plan A copied to an UNLOGGED table too (not timed), both ANALYZEd; one join summing " +
        "ST_Area(ST_Intersection) per class pair over && and ST_Intersects, plus each plan's area per class (one-sided areas by subtraction); " +
        "timed together, parallel workers allowed, sums in numeric. Reference for the one-sided rows (untimed): ST_Difference of each feature not " +
        "ST_Equals to one of the other plan with the ST_Union of the other plan's features it meets (the subtraction counts the cm²-sized overlaps " +
        "between neighbours in the source data twice; both are reported). Areas compared per kind and class pair (engine: agreed + differing + slivers).";

    public async Task<DiffBenchReport> RunAsync(string commandLine, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var machine = MachineInfo.Capture();
        var srid = await db.GetWorkingSridAsync(ct);
        var store = new LayerStore(db);
        var layer = await store.GetLayerAsync(layerCode, ct);
        if (layer?.CurrentVersionId is not long versionId)
            throw new BenchSetupException($"layer {layerCode} has no version in the database: load the city first (./ob gen-demo --scale city --load)");
        var suffix = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var tableA = "ob_bench_diff_a_" + suffix;
        var tableB = "ob_bench_diff_b_" + suffix;
        var selectA = $"SELECT id, attributes->>'{Escape(field)}', ST_AsEWKB(geom) FROM ob.layer_feature WHERE version_id = $1 ORDER BY feature_no";
        var selectB = $"SELECT id, cls, ST_AsEWKB(geom) FROM {tableB} ORDER BY ord";

        try
        {
            var source = await ProgressBar.RunAsync($"read {layerCode} (version {versionId})", async p =>
            {
                var read = await PlanTable.ReadAsync(db, selectA, field, [versionId], ct);
                p.Report(100);
                return read.Features.Select(f => new SourcePatch(f.Id, f.Geometry, f.Attributes[field] as string)).ToArray();
            });
            if (source.Length == 0) throw new BenchSetupException($"layer {layerCode} version {versionId} has no features");

            var generate = Stopwatch.StartNew();
            var (revised, changes) = await ProgressBar.RunAsync("make the revised copy", p => Task.Run(() =>
            {
                var r = new RevisedCopyGenerator(seed).Revise(source, ct);
                p.Report(100);
                return r;
            }, ct));
            generate.Stop();
            Log($"revised copy: {changes.Revised:N0} features from {changes.Source:N0} — {changes.Missing} missing, {changes.Reclassified} reclassified, " +
                $"{changes.Merged} merged, {changes.Split} split, {changes.EdgesMoved} edges moved ({changes.NeighboursMoved} neighbours moved with them)");
            source = [];

            var tables = Stopwatch.StartNew();
            await ProgressBar.RunAsync("store both plans in indexed bench tables", async p =>
            {
                await ExecuteAsync($"DROP TABLE IF EXISTS {tableA}, {tableB}", ct);
                await ExecuteAsync($"CREATE UNLOGGED TABLE {tableA} AS SELECT id, attributes->>'{Escape(field)}' AS cls, geom FROM ob.layer_feature WHERE version_id = {versionId}", ct);
                await ExecuteAsync($"CREATE UNLOGGED TABLE {tableB} (ord serial, id bigint, cls text, geom geometry(Geometry, {srid}))", ct);
                p.Report(20);
                await PlanTable.WriteAsync(db, tableB, revised, srid, ct);
                p.Report(60);
                await ExecuteAsync($"CREATE INDEX ON {tableA} USING gist (geom)", ct);
                await ExecuteAsync($"CREATE INDEX ON {tableB} USING gist (geom)", ct);
                await ExecuteAsync($"ANALYZE {tableA}", ct);
                await ExecuteAsync($"ANALYZE {tableB}", ct);
                p.Report(100);
                return 0;
            });
            tables.Stop();
            revised = [];

            var engine = await ProgressBar.RunAsync("engine, end to end (read both from PostGIS, overlay, totals)", p =>
                EngineRunAsync(versionId, selectA, selectB, srid, p, ct));
            Log(F($"engine: {engine.Seconds:0.00} s end to end (read {engine.ReadSeconds:0.00} s, overlay {engine.OverlaySeconds:0.00} s), ") +
                F($"{engine.Work.IdenticalPairs:N0} identical pairs, {engine.Work.MeasuredPairs:N0} measured, {engine.Work.OverlaidPairs:N0} overlays, {engine.Patches:N0} patches, ") +
                F($"peak RSS {engine.PeakResidentBytes / 1048576.0:0} MiB"));
            DiffEngineRun? again = null;
            if (repeat)
            {
                again = await ProgressBar.RunAsync("engine again (warm)", p => EngineRunAsync(versionId, selectA, selectB, srid, p, ct));
                Log(F($"engine again: {again.Seconds:0.00} s end to end (overlay {again.OverlaySeconds:0.00} s)"));
            }

            var postGis = new PostGisDiff(db, tableA, tableB);
            var settings = await postGis.SettingsAsync(ct);
            var pg = await ProgressBar.RunAsync("PostGIS: the same overlay in SQL", async p =>
            {
                var r = await postGis.RunAsync(LandUseClassification.EmptyValueName, ct);
                p.Report(100);
                return r;
            });
            var pgSeconds = pg.PairSeconds + pg.SideSeconds;
            Log(F($"PostGIS: {pgSeconds:0.00} s ({pg.Pairs.Values.Sum(v => v.Pairs):N0} intersecting pairs, parallel plan: {pg.ParallelPlan})"));

            var reference = await ProgressBar.RunAsync("PostGIS: one-sided parts directly (reference, untimed)", async p =>
            {
                var r = await postGis.OneSidedAsync(LandUseClassification.EmptyValueName, ct);
                p.Report(100);
                return r;
            });
            Log(F($"PostGIS one-sided reference: {reference.Seconds:0.0} s"));
            var agreement = ClassAgreement.Compare(engine.Classes, pg, reference.A, reference.B);
            var ratio = pgSeconds / engine.Seconds;
            var conservation = Math.Max(engine.BalanceA.RelativeResidual, engine.BalanceB.RelativeResidual);
            var targets = new List<BenchTarget>
            {
                BenchTarget.AtMost("engine end to end (2 cores)", SecondsTarget, engine.Seconds, "s"),
                BenchTarget.AtLeast("PostGIS / engine", RatioTarget, ratio, "×"),
                new("areas per class agree with PostGIS", "every kind and class pair within 1e-6 relative (or 0.01 m²)",
                    agreement.Disagreements, "rows outside", agreement.Agrees),
                new("area conserved in both plans", "residual ≤ 1e-6 relative", conservation, "relative", engine.BalanceA.Conserved && engine.BalanceB.Conserved),
            };
            return new DiffBenchReport
            {
                Timestamp = DateTimeOffset.Now,
                CommandLine = commandLine,
                Method = Method,
                Machine = machine.WithEndLoad(),
                Data = new DiffBenchData(engine.Work.FeaturesA >= 200_000 ? "city" : "demo (fewer than 200,000 features)", layerCode, versionId,
                    field, srid, seed, engine.Work.FeaturesA, engine.Work.FeaturesB,
                    "RevisedCopyGenerator: missing 2 %, reclassified 3 %, merged 2 %, split 2 %, edge moved 3 % (0.5–3 m); each drawn per feature, made only where the copy stays a valid coverage",
                    changes, generate.Elapsed.TotalSeconds, tables.Elapsed.TotalSeconds),
                Engine = engine,
                EngineRepeat = again,
                PostGis = new DiffPostGisFigures(pgSeconds, pg.PairSeconds, pg.SideSeconds, pg.Pairs.Values.Sum(v => v.Pairs), pg.ParallelPlan, pg.Plan,
                    postGis.PairSql, postGis.SideSql, settings, reference.Seconds, PostGisDiff.OneSidedSql("<plan>", "<other plan>"),
                    [.. pg.AreaA.Select(kv => new SubtractedOneSided("A", kv.Key, (double)(kv.Value - pg.Pairs.Where(p => p.Key.A == kv.Key).Sum(p => p.Value.Area)))),
                     .. pg.AreaB.Select(kv => new SubtractedOneSided("B", kv.Key, (double)(kv.Value - pg.Pairs.Where(p => p.Key.B == kv.Key).Sum(p => p.Value.Area))))]),
                PostGisOverEngine = ratio,
                PostGisOverEngineOverlayOnly = pgSeconds / engine.OverlaySeconds,
                Agreement = agreement,
                Targets = targets,
                TotalSeconds = total.Elapsed.TotalSeconds,
            };
        }
        finally
        {
            try { await ExecuteAsync($"DROP TABLE IF EXISTS {tableA}, {tableB}", CancellationToken.None); }
            catch (NpgsqlException) { /* the tables are UNLOGGED scratch; a later run drops its own */ }
        }
    }

    /// <summary>One cold end-to-end run: read both plans concurrently, overlay, totals; memory and collections measured around it.</summary>
    private async Task<DiffEngineRun> EngineRunAsync(long versionId, string selectA, string selectB, int srid, IProgress<double> progress, CancellationToken ct)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        using var memory = PeakMemory.Start();
        var clock = Stopwatch.StartNew();

        var readA = PlanTable.ReadAsync(db, selectA, field, [versionId], ct);
        var readB = PlanTable.ReadAsync(db, selectB, field, [], ct);
        await Task.WhenAll(readA, readB);
        var read = clock.Elapsed.TotalSeconds;
        progress.Report(10);

        var request = new DiscrepancyRequest
        {
            A = new PlanLayer($"{layerCode} v{versionId}", readA.Result.Features, field, LandUseClassification.AsIs),
            B = new PlanLayer($"{layerCode} revised copy", readB.Result.Features, field, LandUseClassification.AsIs),
            Srid = srid,
        };
        var result = await Task.Run(() => DiscrepancyEngine.Default.Run(request, new SyncProgress<double>(p => progress.Report(10 + 0.9 * p)), ct), ct);
        var seconds = clock.Elapsed.TotalSeconds;
        return new DiffEngineRun(seconds, read, readA.Result with { Features = [] }, readB.Result with { Features = [] }, seconds - read, result.Work,
            memory.PeakResidentBytes(), memory.ResidentPeakReset, memory.PeakManagedBytes, GC.GetTotalAllocatedBytes(precise: false) - allocated,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
            result.Patches.Count, result.Slivers, result.A, result.B, result.Classes);
    }

    public static async Task WriteAsync(DiffBenchReport report, string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(report, JsonOutput.Options) + "\n", ct);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>A few readable lines for the terminal.</summary>
    public static IEnumerable<string> Summary(DiffBenchReport r, string path)
    {
        yield return F($"diff benchmark, {r.Data.Scale}: {r.Data.Layer} ({r.Data.FeaturesA:N0}) vs its revised copy ({r.Data.FeaturesB:N0}), field {r.Data.Field}, {r.Machine.Cores} cores, load {r.Machine.LoadAverageAtStart} → {r.Machine.LoadAverageAtEnd}");
        var e = r.Engine;
        yield return F($"  engine   {e.Seconds,7:0.00} s end to end: read {e.ReadSeconds:0.00} s, overlay {e.OverlaySeconds:0.00} s (") +
                     string.Join(", ", e.Work.StageSeconds.Select(kv => F($"{kv.Key} {kv.Value:0.00}"))) + ")";
        yield return F($"           {e.Work.IdenticalPairs:N0} identical pairs, {e.Work.UnmatchedA:N0}/{e.Work.UnmatchedB:N0} features paired, {e.Work.MeasuredPairs:N0} pairs measured exactly, {e.Work.OverlaidPairs:N0} overlays, {e.Patches:N0} patches, {e.Slivers.Count:N0} slivers ({e.Slivers.AreaM2:0.##} m²)");
        yield return F($"           peak RSS {e.PeakResidentBytes / 1048576.0:0} MiB{(e.ResidentPeakReset ? "" : " (process lifetime)")}, peak managed heap {e.PeakManagedBytes / 1048576.0:0} MiB, allocated {e.AllocatedBytes / 1048576.0:0} MiB, GC {e.Gen0}/{e.Gen1}/{e.Gen2}");
        if (r.EngineRepeat is { } again) yield return F($"  again    {again.Seconds,7:0.00} s end to end (overlay {again.OverlaySeconds:0.00} s)");
        yield return F($"  PostGIS  {r.PostGis.Seconds,7:0.00} s (pairs {r.PostGis.PairSeconds:0.00} s, sides {r.PostGis.SideSeconds:0.00} s; {r.PostGis.CandidatePairs:N0} intersecting pairs; parallel plan {r.PostGis.ParallelPlan})");
        yield return F($"  ratio PostGIS / engine {r.PostGisOverEngine:0.00}× (overlay only {r.PostGisOverEngineOverlayOnly:0.00}×)");
        yield return F($"  areas: {r.Agreement.Compared} kind/class rows, max |Δ| {r.Agreement.MaxAbsDiffM2:G3} m², max rel {r.Agreement.MaxRelDiff:G3}, {r.Agreement.Disagreements} outside tolerance");
        yield return F($"  conservation: A residual {e.BalanceA.ResidualM2:G3} m² ({e.BalanceA.RelativeResidual:G3}), B residual {e.BalanceB.ResidualM2:G3} m² ({e.BalanceB.RelativeResidual:G3})");
        foreach (var t in r.Targets)
            yield return F($"  [{(t.Pass is null ? "n/a " : t.Pass.Value ? "PASS" : "FAIL")}] {t.Name,-36} {t.Target,-24} measured {(t.Measured is null ? "—" : t.Measured.Value.ToString("0.###", CultureInfo.InvariantCulture))} {t.Unit}");
        yield return F($"written to {path} ({r.TotalSeconds:0} s in all)");
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string Escape(string s) => s.Replace("'", "''", StringComparison.Ordinal);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static void Log(string message) => System.Console.Error.WriteLine(message);
}
