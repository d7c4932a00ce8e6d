using System.Globalization;
using System.Text;

namespace OneBlueprint.Cli.Bench;

/// <summary>The results of a compliance benchmark as a few readable lines for the terminal.</summary>
public static class BenchSummary
{
    public static string Format(ComplianceBenchReport r, string outputPath)
    {
        var s = new StringBuilder();
        void Line(string text) => s.AppendLine(text);
        string Stats(LatencyStats l) => F($"p50 {l.P50Ms,8:0.000}  p90 {l.P90Ms,8:0.000}  p99 {l.P99Ms,8:0.000}  max {l.MaxMs,8:0.00}  mean {l.MeanMs,8:0.000} ms");

        Line($"compliance benchmark, {r.Data.Scale} — {r.Data.RedLines.Count} red lines (seed {r.Data.RedLines.Seed}), {r.Machine.Cores} cores, {r.Machine.Dotnet}, {r.Machine.Build}");
        Line($"load average at start {r.Machine.LoadAverageAtStart}, at end {r.Machine.LoadAverageAtEnd} (other work on the machine inflates the figures)");
        Line(F($"layers loaded in {r.Data.LoadSeconds:0.0} s: ") + string.Join(", ", r.Data.Layers.Select(l => F($"{l.Code} {l.Features:N0}/{l.Pieces:N0} pieces, max {l.MaxVertices:N0} v"))));
        var v = r.Data.RedLines.Vertices;
        var a = r.Data.RedLines.AreaHa;
        Line(F($"red lines: vertices {v.Min:0}–{v.Max:0} (median {v.Median:0}), area {a.Min:0.0}–{a.Max:0.0} ha (median {a.Median:0.0}), ") +
             $"{r.Data.RedLines.MultiParcel} multi-parcel, {r.Data.RedLines.WithHoles} with holes; as intended: " +
             string.Join(", ", r.Data.RedLines.AsIntendedByClass.Select(kv => $"{kv.Key} {kv.Value}/{r.Data.RedLines.ByClass[kv.Key]}")));
        Line("red lines overlapping: " + string.Join(", ", r.Data.Overlaps.Select(o => $"{o.Code} {o.RedLinesOverlapping}")));
        Line("");
        foreach (var (name, mode) in r.InProcess) Line($"  {name,-22} {Stats(mode.Latency)}{Failures(mode)}");
        Line($"  {"postgis",-22} {Stats(r.PostGis.Figures.Latency)}{Failures(r.PostGis.Figures)}");
        if (r.Http is { } h)
        {
            Line($"  {"http (1 client)",-22} {Stats(h.Sequential.Latency)}{Failures(h.Sequential)}");
            if (h.SequentialStored is { } stored) Line($"  {"http stored (1 client)",-22} {Stats(stored.Latency)}{Failures(stored)}");
            Line(F($"  {"http (" + h.Concurrent.Clients + " clients)",-22} {h.Concurrent.ChecksPerSecond:0} checks/s over {h.Concurrent.Seconds:0.0} s ({h.Concurrent.Requests} requests, {h.Concurrent.Errors} errors); {Stats(h.Concurrent.Latency)}"));
        }
        else Line($"  http: {r.HttpSkipped}");
        Line("");
        Line("  by class (engine p50 / p99 ms — postgis p50 / p99 ms):");
        foreach (var c in r.InProcess["engine"].ByClass.Keys)
        {
            var ec = r.InProcess["engine"].ByClass[c];
            var pc = r.PostGis.Figures.ByClass[c];
            Line(F($"    {c,-27} {ec.P50Ms,7:0.000} / {ec.P99Ms,7:0.000}   —   {pc.P50Ms,7:0.000} / {pc.P99Ms,7:0.000}"));
        }
        Line("  engine time per layer (each alone; mean ms, share):");
        Line("    " + string.Join(", ", r.Profile.Layers.Select(l => F($"{l.Code} {l.Latency.MeanMs:0.000} ({l.ShareOfLayerTime:P0})"))));
        var e = r.InProcess["engine"];
        if (e.GcDuringTimedPass is { } gc)
            Line(F($"    engine allocation: {e.AllocatedBytesPerCheck / 1024:0.0} KB per check; collections during the timed pass: gen0 {gc.Gen0}, gen1 {gc.Gen1}, gen2 {gc.Gen2}"));
        if (r.Profile.Slowest.Count > 0)
            Line(F($"    slowest {r.Profile.Slowest.Count} engine checks: {r.Profile.Slowest.Min(x => x.EngineMs):0.00}–{r.Profile.Slowest.Max(x => x.EngineMs):0.00} ms when timed, {r.Profile.Slowest.Min(x => x.RetimedMs):0.00}–{r.Profile.Slowest.Max(x => x.RetimedMs):0.00} ms retimed (median of 5)"));
        Line(F($"    red line preparation: p50 {r.Profile.PrepareRedLine.P50Ms:0.000} ms (with validity check {r.Profile.ValidateAndPrepareRedLine.P50Ms:0.000} ms)"));
        Line("");
        Line("  ratios: " + string.Join(", ", r.Ratios.Where(kv => kv.Value is not null).Select(kv => F($"{kv.Key} {kv.Value:0.00}"))));
        foreach (var g in r.Agreement)
            Line(F($"  areas {g.Reference} vs {g.Other}: {g.Compared} pairs, max |Δ| {g.MaxAbsDiffM2:G3} m², max rel {g.MaxRelDiff:G3}, {g.Disagreements} outside tolerance, {g.Missing} missing"));
        Line("");
        foreach (var t in r.Targets)
            Line(F($"  [{(t.Pass is null ? "n/a " : t.Pass.Value ? "PASS" : "FAIL")}] {t.Name,-30} {t.Target,-22} measured {(t.Measured is null ? "—" : t.Measured.Value.ToString("0.###", CultureInfo.InvariantCulture))} {t.Unit}"));
        Line("");
        Line(F($"written to {outputPath} ({r.TotalSeconds:0} s in all)"));
        return s.ToString();
    }

    private static string Failures(ModeFigures m) => m.Failures == 0 ? "" : $"  ({m.Failures} failed)";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
