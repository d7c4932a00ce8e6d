using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using OneBlueprint.Engines.Ledger;
using OneBlueprint.Storage.Analysis;

namespace OneBlueprint.Server.Analysis;

/// <summary>
/// Runs analysis jobs in the background, one at a time (each engine already uses both cores), in the order they were
/// started. For each job: queued → running, the work with its progress written to the job row (at most every
/// <see cref="ProgressInterval"/>), then the patches matched against the series' previous run
/// (<see cref="PatchMatcher"/>: unchanged ones keep number and status) and stored with the ledger in one transaction.
/// A cancelled job stops at the engine's next check and stores nothing; a failed one keeps its error. Jobs a stopped
/// server left behind are marked failed when it starts again.
/// </summary>
public sealed class AnalysisJobRunner(AnalysisJobStore jobs, PatchStore patches, IEnumerable<IAnalysisWork> works,
    ILogger<AnalysisJobRunner> log) : BackgroundService
{
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();
    private readonly Dictionary<string, IAnalysisWork> _works = works.ToDictionary(w => w.Kind);

    public IReadOnlyCollection<string> Kinds => _works.Keys;

    /// <summary>Creates the job (queued) and puts it in the queue.</summary>
    public async Task<AnalysisJob> StartAsync(string kind, string series, JsonObject parameters, string who, CancellationToken ct)
    {
        if (!_works.ContainsKey(kind)) throw new ArgumentException($"no analysis of kind '{kind}'", nameof(kind));
        var job = await jobs.CreateAsync(kind, series, parameters, who, ct);
        await _queue.Writer.WriteAsync(job.Id, ct);
        return job;
    }

    /// <summary>Cancels a queued or running job; false when it had already finished.</summary>
    public async Task<bool> CancelAsync(long id, string who, CancellationToken ct)
    {
        var cancelled = await jobs.CancelAsync(id, who, ct);
        if (_running.TryGetValue(id, out var cts)) await cts.CancelAsync();
        return cancelled;
    }

    public override async Task StartAsync(CancellationToken ct)
    {
        var interrupted = await jobs.FailInterruptedAsync(ct);
        if (interrupted > 0) log.LogWarning("{Count} analysis jobs were left unfinished by a stopped server and are marked failed", interrupted);
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await foreach (var id in _queue.Reader.ReadAllAsync(stopping))
        {
            try
            {
                await RunOneAsync(id, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "analysis job {Job} could not be run", id);
            }
        }
    }

    private async Task RunOneAsync(long id, CancellationToken stopping)
    {
        if (!await jobs.StartAsync(id, stopping)) return; // cancelled while queued
        var job = (await jobs.GetAsync(id, stopping))!;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running[id] = cts;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var progress = new JobProgress(jobs, id, 0.9, cts.Token); // the last 10 %: matching and storing
            var outcome = await Task.Run(() => _works[job.Kind].RunAsync(job, progress, cts.Token), cts.Token);
            progress.Flush("matching with the previous run");
            await StoreAsync(job, outcome, Stopwatch.GetElapsedTime(started), cts.Token);
            log.LogInformation("analysis job {Job} ({Kind}, {Series}) done: {Patches} patches in {Seconds:0.0} s",
                id, job.Kind, job.Series, outcome.Patches.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            log.LogInformation("analysis job {Job} cancelled; nothing stored", id);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // The store found the job no longer running: cancelled between the work's end and the commit.
            log.LogInformation("analysis job {Job} was cancelled before its results were stored", id);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            log.LogError(ex, "analysis job {Job} failed", id);
            await jobs.FailAsync(id, Describe(ex), CancellationToken.None);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    private async Task StoreAsync(AnalysisJob job, AnalysisOutcome outcome, TimeSpan elapsed, CancellationToken ct)
    {
        var work = _works[job.Kind];
        for (var attempt = 1; ; attempt++)
        {
            var previousJob = await jobs.LatestDoneAsync(job.Series, ct);
            var previous = previousJob is null ? [] : await patches.ReadForMatchingAsync(previousJob.Id, ct);
            var match = PatchMatcher.Match(
                previous.Select(p => new PatchMatcher.Previous(p.Dkbh, p.Kind, p.Geometry)).ToList(),
                outcome.Patches.Select(p => new PatchMatcher.Current(p.Kind, p.Geometry)).ToList(), ct);
            var numbered = outcome.Patches.Select((p, i) => match.Assignments[i] is var a
                ? p with { Dkbh = a.Dkbh, Match = a.Match.ToString().ToLowerInvariant() } : p).ToList();
            var summary = (JsonObject)outcome.Summary.DeepClone();
            summary["seconds"] = Math.Round(elapsed.TotalSeconds, 3);
            summary["matchedAgainstJob"] = previousJob?.Id;
            summary["matching"] = new JsonObject
            {
                ["new"] = match.Assignments.Count(a => a.Match == PatchMatch.New),
                ["unchanged"] = match.Assignments.Count(a => a.Match == PatchMatch.Unchanged),
                ["changed"] = match.Assignments.Count(a => a.Match == PatchMatch.Changed),
                ["vanished"] = match.Vanished.Count,
                ["vanishedNumbers"] = new JsonArray(match.Vanished.Take(1000).Select(n => (JsonNode)n).ToArray()),
            };
            try
            {
                await patches.SaveRunAsync(job.Id, job.Series, work.NumberPrefix, previousJob?.Id, numbered, match.Vanished, summary,
                    job.CreatedBy, ct);
                return;
            }
            catch (StaleMatchException) when (attempt < 3)
            {
                // another run of the series was stored meanwhile: match against that one
            }
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        Geo.Problems.InputException input => string.Join("; ", input.Problems.Select(p => p.What + " — " + p.HowToFix)),
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    /// <summary>Writes a job's progress to its row, at most every <see cref="ProgressInterval"/>, scaled into the work's share.</summary>
    private sealed class JobProgress(AnalysisJobStore jobs, long id, double share, CancellationToken ct) : IProgress<(double Fraction, string Stage)>
    {
        private long _last;
        private (double Fraction, string Stage) _latest;
        private readonly object _gate = new();

        public void Report((double Fraction, string Stage) value)
        {
            lock (_gate)
            {
                _latest = value;
                if (_last != 0 && Stopwatch.GetElapsedTime(_last) < ProgressInterval) return;
                _last = Stopwatch.GetTimestamp();
            }
            Write(value.Fraction, value.Stage);
        }

        public void Flush(string stage) => Write(1, stage);

        private void Write(double fraction, string stage)
        {
            if (ct.IsCancellationRequested) return;
            // fire and forget: progress must never slow the engine down; a lost update is overwritten by the next
            _ = jobs.ReportAsync(id, 100 * share * Math.Clamp(fraction, 0, 1), stage, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
