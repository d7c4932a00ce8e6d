using OneBlueprint.Geo.Crs;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneBlueprint.Server;
using OneBlueprint.Server.Tiles;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// The MVT benchmark of issue 6 (`ob bench tiles`): for random tiles of one layer at each zoom (tile centres drawn
/// uniformly over the layer's extent, fixed seed), the same tile three ways in one run, interleaved — cold (our
/// renderer as the server runs it: PostGIS query, EWKB decode, reprojection, clip, simplify, encode; with the
/// fetch/draw split), cached (GET from the real server started in-process on loopback, served from the disk cache
/// the cold render wrote) and PostGIS <c>ST_AsMVT(ST_AsMVTGeom(ST_Transform(geom, 3857)))</c> with the same
/// envelope filter, buffer 64 and extent 4096. Then <c>wrk</c> cycles over every non-empty tile for cached
/// throughput over loopback.
/// </summary>
public sealed class TileBench(ObDatabase db, string layerCode, int minZoom, int maxZoom, int tilesPerZoom, int seed, string cacheRoot,
    int wrkSeconds, int wrkConnections)
{
    public sealed record ZoomFigures(int Zoom, int Tiles, int EmptyTiles, LatencyStats Cold, LatencyStats Cached, LatencyStats PostGis,
        double ColdP50OverPostGisP50, double TilesColdNotSlower, LatencyStats ColdFetch, LatencyStats ColdDraw, double MeanFeatures,
        double MeanBytes, double MeanPostGisBytes);

    /// <summary><paramref name="FeatureSource"/>: where cold renders read features ("in-memory blueprint" for control layers, else "PostGIS").</summary>
    public sealed record Result(IReadOnlyList<ZoomFigures> Zooms, WrkRun? Wrk, WrkRun? WrkSmallTiles, MachineInfo Machine, long VersionId, string FeatureSource);

    /// <summary>The second wrk run uses only tiles from this zoom up: small tiles, what a zoomed-in viewport asks for.</summary>
    public const int SmallTileZoom = 14;

    public async Task<Result> RunAsync(IProgress<double> progress, CancellationToken ct)
    {
        var machine = MachineInfo.Capture();
        var store = new LayerStore(db);
        var random = new Random(seed);
        var zooms = new List<ZoomFigures>();
        var total = (maxZoom - minZoom + 1) * tilesPerZoom;
        var done = 0;
        var seeded = new List<(int Zoom, string Path)>();

        var app = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--OB_DATABASE", db.ConnectionString, "--OB_TILE_CACHE", cacheRoot],
            b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync(ct);
        try
        {
            // Cold tiles are rendered by the server's own tile service, once its blueprint is in memory, as it runs.
            var service = app.Services.GetRequiredService<TileService>();
            await WaitForBlueprintAsync(app.Services.GetRequiredService<OneBlueprint.Server.Compliance.BlueprintLoader>(), ct);
            var layer = await service.LayerAsync(layerCode, ct) ?? throw new BenchSetupException($"no layer '{layerCode}' with an imported version");
            var source = BlueprintTileFeatures.IndexFor(app.Services.GetRequiredService<OneBlueprint.Engines.Indexing.BlueprintCache>(), layer) is null
                ? "PostGIS" : "in-memory blueprint";
            var mercator = EnvelopeReprojection.Transform(layer.Bbox!, store.WorkingSrid, 3857);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(1) };

            await using var conn = await db.OpenConnectionAsync(ct);
            await using var pg = new Npgsql.NpgsqlCommand($"""
                SELECT ST_AsMVT(q, $1, 4096, 'geom', 'id') FROM (
                  SELECT id, attributes::jsonb AS attributes,
                         ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope($2, $3, $4), 4096, {TileRenderer.Buffer}, true) AS geom
                  FROM ob.layer_feature
                  WHERE version_id = $5 AND geom && ST_MakeEnvelope($6, $7, $8, $9, {store.WorkingSrid})) q
                """, conn);
            foreach (var type in new[] { "text", "integer", "integer", "integer", "bigint", "double precision", "double precision", "double precision", "double precision" })
                pg.Parameters.Add(new Npgsql.NpgsqlParameter { DataTypeName = type });
            await pg.PrepareAsync(ct);

            // warm-up: JIT, connection pools, PostGIS plan and caches, the server's first request
            await OnceAsync(new TileAddress(maxZoom, 0, 0));

            for (var z = minZoom; z <= maxZoom; z++)
            {
                var cold = new List<long>(); var cached = new List<long>(); var postgis = new List<long>();
                var fetch = new List<long>(); var draw = new List<long>();
                long bytes = 0, pgBytes = 0, features = 0; var empty = 0; var notSlower = 0;
                var size = new TileAddress(z, 0, 0).Size;
                for (var i = 0; i < tilesPerZoom; i++)
                {
                    var mx = mercator.MinX + random.NextDouble() * mercator.Width;
                    var my = mercator.MinY + random.NextDouble() * mercator.Height;
                    var tile = new TileAddress(z, (int)((mx + TileAddress.WorldHalf) / size), (int)((TileAddress.WorldHalf - my) / size));
                    var r = await OnceAsync(tile);
                    cold.Add(r.Cold); cached.Add(r.Cached); postgis.Add(r.PostGis); fetch.Add(r.Times.FetchTicks); draw.Add(r.Times.DrawTicks);
                    bytes += r.Bytes; pgBytes += r.PgBytes; features += r.Times.Features;
                    if (r.Cold <= r.PostGis) notSlower++;
                    if (r.Bytes == 0) empty++;
                    else seeded.Add((z, Path(tile)));
                    progress.Report(100.0 * ++done / total);
                }
                var c = LatencyStats.FromTicks(cold); var p = LatencyStats.FromTicks(postgis);
                zooms.Add(new ZoomFigures(z, tilesPerZoom, empty, c, LatencyStats.FromTicks(cached), p,
                    p.P50Ms > 0 ? Math.Round(c.P50Ms / p.P50Ms, 3) : double.NaN, Math.Round((double)notSlower / tilesPerZoom, 3),
                    LatencyStats.FromTicks(fetch), LatencyStats.FromTicks(draw), (double)features / tilesPerZoom,
                    (double)bytes / tilesPerZoom, (double)pgBytes / tilesPerZoom));
            }

            WrkRun? wrk = null, wrkSmall = null;
            var all = seeded.Select(s => s.Path).Distinct().ToList();
            var small = seeded.Where(s => s.Zoom >= SmallTileZoom).Select(s => s.Path).Distinct().ToList();
            if (wrkSeconds > 0 && all.Count > 0)
                wrk = await WrkRun.RunAsync(address, all, threads: 2, wrkConnections, wrkSeconds, ct);
            if (wrkSeconds > 0 && small.Count > 0)
                wrkSmall = await WrkRun.RunAsync(address, small, threads: 2, wrkConnections, wrkSeconds, ct);
            return new Result(zooms, wrk, wrkSmall, machine.WithEndLoad(), layer.VersionId, source);

            async Task<(long Cold, long Cached, long PostGis, TileRenderTimes Times, int Bytes, int PgBytes)> OnceAsync(TileAddress tile)
            {
                var times = new TileRenderTimes();
                var t0 = Stopwatch.GetTimestamp();
                var rendered = await service.RenderAsync([layer], tile, ct, times);
                var coldTicks = Stopwatch.GetTimestamp() - t0;
                await service.Cache.WriteAsync(layer.Code, TileService.VersionKey([layer]), tile, rendered, ct);

                t0 = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(Path(tile), ct);
                var fromServer = await response.Content.ReadAsByteArrayAsync(ct);
                var cachedTicks = Stopwatch.GetTimestamp() - t0;
                if (!response.IsSuccessStatusCode || fromServer.Length != rendered.Length)
                    throw new BenchSetupException($"tile {tile} did not come back from the server's cache (HTTP {(int)response.StatusCode}, {fromServer.Length} of {rendered.Length} bytes)");

                var envelope = service.QueryEnvelope(layer, tile) ?? new NetTopologySuite.Geometries.Envelope(0, 0, 0, 0);
                object[] values = [layer.Code, tile.Z, tile.X, tile.Y, layer.VersionId, envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY];
                for (var i = 0; i < values.Length; i++) pg.Parameters[i].Value = values[i];
                t0 = Stopwatch.GetTimestamp();
                var mvt = await pg.ExecuteScalarAsync(ct) as byte[] ?? [];
                var pgTicks = Stopwatch.GetTimestamp() - t0;
                return (coldTicks, cachedTicks, pgTicks, times, rendered.Length, mvt.Length);
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }

        string Path(TileAddress t) => $"/tiles/{layerCode}/{t.Z}/{t.X}/{t.Y}.mvt";
    }

    /// <summary>Waits (at most 10 minutes) until the server's blueprint loader has loaded the control layers.</summary>
    private static async Task WaitForBlueprintAsync(OneBlueprint.Server.Compliance.BlueprintLoader loader, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (!loader.IsLoaded)
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(10))
                throw new BenchSetupException($"the server's blueprint did not load within 10 minutes ({loader.Status})");
            await Task.Delay(200, ct);
        }
    }

    public const double CachedTilesPerSecondTarget = 3000;

    public static IReadOnlyList<BenchTarget> Targets(Result r) =>
    [
        .. r.Zooms.Select(z => BenchTarget.AtMost($"z{z.Zoom} cold p50 / ST_AsMVT p50", 1, z.ColdP50OverPostGisP50, "×")),
        BenchTarget.AtLeast("cached tiles over HTTP (wrk, loopback)", CachedTilesPerSecondTarget,
            r.Wrk is { Skipped: null } w && w.Non2xx == 0 ? w.RequestsPerSecond : null, "tiles/s"),
    ];

    public static string ToJson(Result r, string layer, int seed, string commandLine) =>
        JsonSerializer.Serialize(new
        {
            benchmark = "tiles",
            commandLine,
            layer,
            layerVersionId = r.VersionId,
            coldFeatureSource = r.FeatureSource,
            seed,
            what = "cold = the server's own renderer as it runs, after its blueprint has loaded (fetch = the box query of the in-memory "
                 + "blueprint for a control layer, else PostGIS query + transfer + EWKB/attribute decode; draw = reproject, clip, simplify, encode); cached = GET of the tile from the in-process server on loopback, served from the disk cache; "
                 + "postGis = ST_AsMVT(ST_AsMVTGeom(ST_Transform(geom, 3857), tile, 4096, 64)) over the same envelope, same connection pool; "
                 + "one tile at a time, interleaved, ms. tilesColdNotSlower = share of tiles whose cold render took no longer than ST_AsMVT. "
                 + "wrk = cached tiles over loopback, cycling through every non-empty tile of the run (the same number per zoom, so "
                 + "z10-z11 tiles of 0.4-2 MB weigh as much as z16 ones; the target is judged on this mix); wrkSmallTiles = the same "
                 + "over the tiles of z14 and up only (information).",
            zooms = r.Zooms,
            wrk = r.Wrk,
            wrkSmallTiles = r.WrkSmallTiles,
            targets = Targets(r),
            machine = r.Machine,
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
}
