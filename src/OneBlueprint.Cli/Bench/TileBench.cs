using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OneBlueprint.Server.Tiles;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// The MVT benchmark of issue 6 (`ob tiles bench`): for random tiles of one layer at each zoom (tile centres
/// drawn uniformly over the layer's extent, fixed seed), the same tile three ways in one run, interleaved —
/// cold (our renderer: PostGIS query + transform, clip, simplify, encode), cached (read from the disk cache
/// after the cold render wrote it) and PostGIS <c>ST_AsMVT(ST_AsMVTGeom(ST_Transform(geom, 3857)))</c> with
/// the same envelope filter, buffer 64 and extent 4096. In-process, one thread; HTTP and wrk are not part of it.
/// </summary>
public sealed class TileBench(ObDatabase db, string layerCode, int minZoom, int maxZoom, int tilesPerZoom, int seed, string cacheRoot)
{
    public sealed record ZoomFigures(int Zoom, int Tiles, int EmptyTiles, LatencyStats Cold, LatencyStats Cached, LatencyStats PostGis,
        double MeanBytes, double MeanPostGisBytes);

    public async Task<(IReadOnlyList<ZoomFigures> Zooms, MachineInfo Machine, long VersionId)> RunAsync(IProgress<double> progress, CancellationToken ct)
    {
        var machine = MachineInfo.Capture();
        var store = new LayerStore(db);
        var service = new TileService(store, new TileCache(cacheRoot), NullLogger<TileService>.Instance, query: new TileFeatureQuery(db));
        var layer = await service.LayerAsync(layerCode, ct) ?? throw new BenchSetupException($"no layer '{layerCode}' with an imported version");
        var mercator = TileService.TransformOutline(layer.Bbox!, store.WorkingSrid, 3857);
        var random = new Random(seed);
        var zooms = new List<ZoomFigures>();
        var total = (maxZoom - minZoom + 1) * tilesPerZoom;
        var done = 0;

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

        // warm-up: JIT, connection pools, PostGIS plan and caches
        await OnceAsync(new TileAddress(maxZoom, 0, 0));

        for (var z = minZoom; z <= maxZoom; z++)
        {
            var cold = new List<long>(); var cached = new List<long>(); var postgis = new List<long>();
            long bytes = 0, pgBytes = 0; var empty = 0;
            var size = new TileAddress(z, 0, 0).Size;
            for (var i = 0; i < tilesPerZoom; i++)
            {
                var mx = mercator.MinX + random.NextDouble() * mercator.Width;
                var my = mercator.MinY + random.NextDouble() * mercator.Height;
                var tile = new TileAddress(z, (int)((mx + TileAddress.WorldHalf) / size), (int)((TileAddress.WorldHalf - my) / size));
                var r = await OnceAsync(tile);
                cold.Add(r.Cold); cached.Add(r.Cached); postgis.Add(r.PostGis);
                bytes += r.Bytes; pgBytes += r.PgBytes;
                if (r.Bytes == 0) empty++;
                progress.Report(100.0 * ++done / total);
            }
            zooms.Add(new ZoomFigures(z, tilesPerZoom, empty, LatencyStats.FromTicks(cold), LatencyStats.FromTicks(cached), LatencyStats.FromTicks(postgis),
                (double)bytes / tilesPerZoom, (double)pgBytes / tilesPerZoom));
        }
        return (zooms, machine.WithEndLoad(), layer.VersionId);

        async Task<(long Cold, long Cached, long PostGis, int Bytes, int PgBytes)> OnceAsync(TileAddress tile)
        {
            var t0 = Stopwatch.GetTimestamp();
            var rendered = await service.RenderAsync([layer], tile, ct);
            var cold = Stopwatch.GetTimestamp() - t0;
            await service.Cache.WriteAsync(layer.Code, layer.VersionId.ToString(), tile, rendered, ct);

            t0 = Stopwatch.GetTimestamp();
            var fromDisk = await service.Cache.TryReadAsync(layer.Code, layer.VersionId.ToString(), tile, ct);
            var cachedTicks = Stopwatch.GetTimestamp() - t0;
            if (fromDisk is null || fromDisk.Length != rendered.Length) throw new BenchSetupException($"tile {tile} did not come back from the cache");

            var envelope = service.QueryEnvelope(layer, tile) ?? new NetTopologySuite.Geometries.Envelope(0, 0, 0, 0);
            object[] values = [layer.Code, tile.Z, tile.X, tile.Y, layer.VersionId, envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY];
            for (var i = 0; i < values.Length; i++) pg.Parameters[i].Value = values[i];
            t0 = Stopwatch.GetTimestamp();
            var mvt = await pg.ExecuteScalarAsync(ct) as byte[] ?? [];
            var pgTicks = Stopwatch.GetTimestamp() - t0;
            return (cold, cachedTicks, pgTicks, rendered.Length, mvt.Length);
        }
    }

    public static string ToJson(IReadOnlyList<ZoomFigures> zooms, MachineInfo machine, string layer, long versionId, int seed, string commandLine) =>
        JsonSerializer.Serialize(new
        {
            benchmark = "tiles",
            commandLine,
            layer,
            layerVersionId = versionId,
            seed,
            what = "cold = our renderer incl. the PostGIS query; cached = disk cache read; postgis = ST_AsMVT over the same envelope; in-process, one thread, ms",
            zooms,
            coldNotSlowerThanPostGisAtP50 = zooms.All(z => z.Cold.P50Ms <= z.PostGis.P50Ms),
            notMeasured = "HTTP throughput of cached tiles (wrk is not installed here)",
            machine,
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
}
