using System.Collections.Concurrent;
using System.Diagnostics;
using OneBlueprint.Engines.Compliance.Rules;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Compliance;

/// <summary>
/// Keeps the server's in-memory blueprint (<see cref="BlueprintCache"/>) equal to the current version of every
/// rule-bearing control layer in PostGIS.
/// <list type="bullet">
/// <item>Start-up: the first load runs in the background. Server start waits for it at most
/// <c>OB_BLUEPRINT_START_WAIT_SECONDS</c> (default 5 s: a demo city is loaded by then, so the first request finds it),
/// then Kestrel takes requests while a large city (200k farmland polygons) keeps loading; until it is done checks
/// answer 503 "blueprint still loading" and /health/ready says not ready, so a load balancer holds traffic back.</item>
/// <item>Imports: <see cref="LayerImportedAsync"/> (called by the import endpoint after the commit) rebuilds that
/// layer and swaps it in before the import's answer, so the importer's next check uses the new version.</item>
/// <item>Other servers: every <c>OB_BLUEPRINT_POLL_SECONDS</c> (default 30; 0 = never) the catalogue's current version
/// ids are compared with the ones held (one small query) and changed layers are rebuilt, so servers behind a load
/// balancer converge on what another server imported.</item>
/// </list>
/// A layer is built completely before it is published, and publishing is one reference swap: a running check keeps
/// the snapshot it started with. Loads are serialised, so an older load can never overwrite a newer version.
/// </summary>
public sealed class BlueprintLoader : BackgroundService
{
    private readonly LayerStore _layers;
    private readonly ComplianceRules _rules;
    private readonly ILogger<BlueprintLoader> _log;
    private readonly TimeSpan _startWait;
    private readonly TimeSpan _pollInterval;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<long, LayerVersionInfo> _versions = new();
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, BlueprintStatus.LoadedLayer> _loaded = new(StringComparer.Ordinal);
    private volatile BlueprintStatus _status = BlueprintStatus.Initial;

    public BlueprintLoader(LayerStore layers, ComplianceRules rules, BlueprintCache cache, IConfiguration configuration, ILogger<BlueprintLoader> log)
    {
        _layers = layers;
        _rules = rules;
        Cache = cache;
        _log = log;
        _startWait = TimeSpan.FromSeconds(Seconds(configuration, "OB_BLUEPRINT_START_WAIT_SECONDS", 5));
        _pollInterval = TimeSpan.FromSeconds(Seconds(configuration, "OB_BLUEPRINT_POLL_SECONDS", 30));
    }

    public BlueprintCache Cache { get; }

    public BlueprintStatus Status => _status;

    public bool IsLoaded => _status.IsLoaded;

    /// <summary>The current snapshot with its version records; take it once per check.</summary>
    public BlueprintView Current => new(Cache.Current, _versions, _status.MissingLayers);

    public override async Task StartAsync(CancellationToken ct)
    {
        await base.StartAsync(ct);
        if (_startWait > TimeSpan.Zero) await Task.WhenAny(_firstAttempt.Task, Task.Delay(_startWait, ct));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !IsLoaded)
        {
            await TrySyncAsync(null, stoppingToken);
            _firstAttempt.TrySetResult();
            if (!IsLoaded) await Delay(TimeSpan.FromSeconds(5), stoppingToken);
        }
        if (_pollInterval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(_pollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TrySyncAsync(null, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A new version of <paramref name="code"/> was committed: rebuild and swap it in now (no-op for layers without rules).</summary>
    public async Task LayerImportedAsync(string code, CancellationToken ct)
    {
        if (!_rules.Layers.Any(l => l.Code == code)) return;
        await TrySyncAsync([code], ct);
    }

    /// <summary>Compares the catalogue with the index and rebuilds what changed; returns false (logged) on failure.</summary>
    public async Task<bool> TrySyncAsync(IReadOnlyCollection<string>? only, CancellationToken ct)
    {
        try
        {
            await SyncAsync(only, ct);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            _log.LogWarning(e, "blueprint index: loading the control layers failed");
            var s = _status;
            _status = s with { State = s.IsLoaded ? BlueprintStatus.Ready : BlueprintStatus.Failed, CheckedAt = DateTimeOffset.UtcNow, LastError = e.Message };
            return false;
        }
    }

    private async Task SyncAsync(IReadOnlyCollection<string>? only, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var catalogue = await _layers.ListLayersAsync(ct);
            var codes = ControlLayerLoading.RuleLayerCodes(_rules, catalogue);
            var first = !IsLoaded;
            if (first) only = null; // an import during the first load: load everything, not just that layer
            var snapshot = Cache.Current;
            var built = new List<ControlLayerIndex>();
            var removed = new List<string>();
            var missing = new List<string>();
            foreach (var code in codes)
            {
                var current = catalogue.First(l => l.Code == code).CurrentVersionId;
                if (current is not long versionId)
                {
                    missing.Add(code);
                    if (snapshot[code] is not null) removed.Add(code);
                    continue;
                }
                if (only is not null && !only.Contains(code)) continue;
                if (snapshot[code]?.LayerVersionId == versionId) continue;

                var version = await _layers.GetVersionByIdAsync(versionId, ct)
                    ?? throw new InvalidOperationException($"layer version {versionId} of {code} vanished while loading");
                var clock = Stopwatch.StartNew();
                var index = await ControlLayerLoading.BuildAsync(_layers, version, null, null, ct);
                _versions[versionId] = version;
                lock (_loaded)
                    _loaded[code] = new BlueprintStatus.LoadedLayer(code, versionId, version.Version, index.Features.Count, index.PieceCount,
                        index.InvalidFeatureCount, Math.Round(clock.Elapsed.TotalSeconds, 3));
                _log.LogInformation("blueprint index: {Code} version {Version} (id {VersionId}) loaded, {Features} features, {Pieces} pieces, {Invalid} invalid, {Seconds:0.00} s",
                    code, version.Version, versionId, index.Features.Count, index.PieceCount, index.InvalidFeatureCount, clock.Elapsed.TotalSeconds);
                // The first load publishes everything at once; later, each layer as soon as it is built.
                if (first) built.Add(index);
                else Cache.Publish(index);
            }
            if (built.Count > 0 || removed.Count > 0)
                Cache.Update(s => built.Aggregate(removed.Aggregate(s, (x, code) => x.Without(code)), (x, layer) => x.With(layer)));
            lock (_loaded)
            {
                foreach (var code in removed) _loaded.Remove(code);
                var now = DateTimeOffset.UtcNow;
                var changed = first || built.Count > 0 || removed.Count > 0 || !_status.MissingLayers.SequenceEqual(missing);
                _status = new BlueprintStatus(BlueprintStatus.Ready,
                    codes.Where(_loaded.ContainsKey).Select(c => _loaded[c]).ToList(), missing,
                    changed ? now : _status.LoadedAt ?? now, now, null);
            }
            if (first) _log.LogInformation("blueprint index ready: {Snapshot}", Cache.Current);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static double Seconds(IConfiguration configuration, string key, double fallback) =>
        double.TryParse(configuration[key], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : fallback;
}
