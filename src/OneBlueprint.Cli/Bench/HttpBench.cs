using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneBlueprint.Cli.Console;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Server;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// The checks over HTTP: the real server (<see cref="ServerApp"/>) started in this process on a free loopback port
/// against the same database, and the red lines POSTed without a key (checks are open to anyone) as GeoJSON
/// geometries in the working CRS (<c>crs=EPSG:N</c>), with <c>includeParts=false&amp;dryRun=true</c>: no overlap
/// geometry in the answer and nothing stored, so the figures measure the check (areas, verdicts, JSON) as the
/// in-process and PostGIS figures do. First one client, request after request, for latency; then
/// <see cref="BenchOptions.HttpConcurrency"/> clients back to back for a bounded time, for throughput; last, a
/// sample of stored checks (dryRun=false: parts computed, ellipsoidal areas, a row and its parts written), to show
/// what storing adds.
/// </summary>
public sealed class HttpBench(ObDatabase db, BenchOptions options)
{
    public const string Route = "/api/v1/compliance/checks";

    /// <summary>What the phase produced: figures and the areas the server answered, or why it was skipped.</summary>
    public sealed record Outcome(HttpFigures? Figures, LayerAreas? Areas, string? Skipped);

    public async Task<Outcome> RunAsync(IReadOnlyList<BenchRedLine> redLines, CancellationToken ct)
    {
        var srid = await db.GetWorkingSridAsync(ct);
        var query = $"?crs=EPSG:{srid}&includeParts=false&dryRun=true";
        var storedQuery = $"?crs=EPSG:{srid}&includeParts=false";
        var app = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--OB_DATABASE", db.ConnectionString],
            b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        try
        {
            var started = Stopwatch.StartNew();
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(1, options.HttpConcurrency), UseCookies = false };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

            var bodies = redLines.Select(r => Body(r)).ToArray();

            // The server may still be loading its index: wait for a first check to succeed.
            var probe = await ProgressBar.RunAsync("HTTP: server start and first check", async p =>
            {
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    using var response = await PostAsync(client, query, bodies[0], ct);
                    if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                        return $"the server has no POST {Route} (HTTP {(int)response.StatusCode}): the endpoint is not built yet";
                    if (response.IsSuccessStatusCode) return null;
                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable || started.Elapsed > TimeSpan.FromMinutes(10))
                        return $"the first check failed: HTTP {(int)response.StatusCode} {Truncate(await response.Content.ReadAsStringAsync(ct))}";
                    await Task.Delay(500, ct);
                }
            });
            if (probe is not null) return new Outcome(null, null, probe);
            var startSeconds = started.Elapsed.TotalSeconds;

            var (sequential, areas) = await ProgressBar.RunAsync("HTTP: sequential checks", p => Sequential(client, query, bodies, p, ct));
            var concurrent = await ProgressBar.RunAsync($"HTTP: {options.HttpConcurrency} concurrent clients", p => Concurrent(client, query, bodies, p, ct));
            var storedCount = Math.Min(options.HttpStoredChecks, bodies.Length);
            (TimedRun Run, LayerAreas Areas)? stored = storedCount == 0 ? null : await ProgressBar.RunAsync($"HTTP: {storedCount} stored checks", p =>
                Sequential(client, storedQuery, bodies[..storedCount], p, ct, warmUp: 5));

            var figures = new HttpFigures(
                $"POST {Route}{query}",
                "body: the red line as a GeoJSON geometry (Polygon/MultiPolygon) in the working CRS, millimetre coordinates, Content-Type application/geo+json; no API key",
                $"server started in-process in {startSeconds:0.0} s (its own index loaded from PostGIS); client and server share the machine's " +
                $"{Environment.ProcessorCount} cores; dryRun=true: nothing stored (see sequentialStored for stored checks)",
                ModeFigures.From("HTTP round trip, one client, dryRun (areas, verdicts, JSON; nothing stored)", sequential, redLines),
                concurrent,
                stored is null ? null : ModeFigures.From(
                    $"HTTP round trip, one client, stored (POST {Route}{storedQuery}: parts and ellipsoidal areas computed, check and parts written to PostGIS); first {storedCount} red lines",
                    stored.Value.Run, redLines.Take(storedCount).ToArray()));
            return new Outcome(figures, areas, null);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    private static async Task<(TimedRun Run, LayerAreas Areas)> Sequential(HttpClient client, string query, byte[][] bodies,
        IProgress<double> progress, CancellationToken ct, int warmUp = 50)
    {
        // Warm-up: the server's JIT and the connection.
        for (var i = 0; i < Math.Min(warmUp, bodies.Length); i++)
        {
            using var r = await PostAsync(client, query, bodies[i], ct);
            await r.Content.ReadAsByteArrayAsync(ct);
        }
        var codes = new List<string>();
        var answers = new byte[bodies.Length][];
        var ticks = new long[bodies.Length];
        var failures = new List<string>();
        for (var i = 0; i < bodies.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            using var response = await PostAsync(client, query, bodies[i], ct);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            ticks[i] = Stopwatch.GetTimestamp() - start;
            if (response.IsSuccessStatusCode) answers[i] = bytes;
            else
            {
                ticks[i] = -1;
                failures.Add($"red line {i}: HTTP {(int)response.StatusCode} {Truncate(System.Text.Encoding.UTF8.GetString(bytes))}");
            }
            if (i % 25 == 0) progress.Report(100.0 * i / bodies.Length);
        }

        // Read the areas after the clock stopped.
        var parsed = answers.Select(a => a is null ? null : LayerAreasOf(a)).ToArray();
        foreach (var p in parsed)
            if (p is not null)
                foreach (var code in p.Keys)
                    if (!codes.Contains(code)) codes.Add(code);
        var areas = new LayerAreas(codes, bodies.Length);
        for (var i = 0; i < parsed.Length; i++)
            if (parsed[i] is { } p)
                foreach (var (code, area) in p) areas.Values[i][areas.LayerOf(code)] = area;
        return (new TimedRun("http", ticks, areas, failures), areas);
    }

    private async Task<HttpThroughput> Concurrent(HttpClient client, string query, byte[][] bodies, IProgress<double> progress, CancellationToken ct)
    {
        var clients = Math.Max(1, options.HttpConcurrency);
        var latencies = new ConcurrentBag<long>();
        var errors = new ConcurrentBag<string>();
        var next = -1;
        var limit = TimeSpan.FromSeconds(options.HttpSeconds);
        var clock = Stopwatch.StartNew();
        using var reporter = new Timer(_ => progress.Report(Math.Min(100, 100 * clock.Elapsed / limit)), null, 500, 500);

        async Task Client()
        {
            while (!ct.IsCancellationRequested && clock.Elapsed < limit)
            {
                var n = Interlocked.Increment(ref next);
                if (n >= options.HttpMaxRequests) return;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await PostAsync(client, query, bodies[n % bodies.Length], ct);
                    await response.Content.ReadAsByteArrayAsync(ct);
                    if (response.IsSuccessStatusCode) latencies.Add(Stopwatch.GetTimestamp() - start);
                    else errors.Add($"HTTP {(int)response.StatusCode}");
                }
                catch (HttpRequestException e)
                {
                    errors.Add(e.Message);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        ct.ThrowIfCancellationRequested();
        progress.Report(100);
        var done = latencies.Count;
        return new HttpThroughput(clients, done + errors.Count, errors.Count, seconds, done / seconds, LatencyStats.FromTicks(latencies),
            errors.GroupBy(e => e).Select(g => $"{g.Count()} × {g.Key}").Take(5).ToArray());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string query, byte[] body, CancellationToken ct)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        return client.PostAsync(Route + query, content, ct);
    }

    /// <summary>The red line as a GeoJSON geometry; three decimals keep its millimetre coordinates exactly.</summary>
    private static byte[] Body(BenchRedLine redLine)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            GeoJsonWriter.WriteGeometry(writer, redLine.Geometry, decimals: 3);
        return stream.ToArray();
    }

    /// <summary>layers[].code → layers[].overlapAreaM2 of a check's answer.</summary>
    private static Dictionary<string, double> LayerAreasOf(byte[] json)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array) return result;
        foreach (var layer in layers.EnumerateArray())
        {
            if (layer.TryGetProperty("code", out var code) && layer.TryGetProperty("overlapAreaM2", out var area) && area.ValueKind == JsonValueKind.Number)
                result[code.GetString()!] = area.GetDouble();
        }
        return result;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
