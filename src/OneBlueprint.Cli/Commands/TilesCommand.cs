using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using NetTopologySuite.Geometries;
using OneBlueprint.Cli.Console;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Server.Tiles;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Cli.Commands;

/// <summary>
/// `ob tiles seed`: renders a layer's (or the public composite's) vector tiles for a zoom range into the
/// tile cache the server reads (OB_TILE_CACHE, else the repository's tiles/), so the first visitors get
/// cached tiles. Tiles already cached for the current version are left alone. Ctrl+C stops between tiles;
/// every tile written is complete (atomic rename).
/// </summary>
public sealed class TilesCommand : ICommand
{
    public const long MaxTiles = 2_000_000;

    public string Name => "tiles";
    public string Summary => "pre-render vector tiles into the tile cache (ob tiles seed --layer CODE --zoom 10-14)";
    public string Usage => """
        usage: ob tiles seed --layer CODE|public --zoom A-B [--bbox W,S,E,N] [--cache DIR]
          --layer   a layer code (ob layers lists them), or 'public' for the composite of the public layers
          --zoom    a zoom or a range, e.g. 12 or 10-14 (0–20)
          --bbox    only tiles touching this lon/lat box (EPSG:4490); default: the layers' extent
          --cache   the cache folder (default OB_TILE_CACHE, else the repository's tiles/)
        The tile benchmark is `ob bench tiles`.
        """;

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        if (args.Positionals.FirstOrDefault() == "bench") throw new UsageException("the tile benchmark is 'ob bench tiles'");
        if (args.Positionals.FirstOrDefault() != "seed") throw new UsageException("the tiles subcommand is 'seed' (the benchmark is 'ob bench tiles')");
        var layerCode = args.Require("layer", "a layer code or 'public'");
        var (minZoom, maxZoom) = ParseZoom(args.Require("zoom", "a zoom range such as 10-14"));
        var bbox = args.Get("bbox") is { } b ? ParseBbox(b) : null;
        var cacheRoot = TileCache.DefaultRoot(args.Get("cache") ?? Environment.GetEnvironmentVariable("OB_TILE_CACHE"));
        args.RejectUnknown();

        await using var db = ObDatabase.FromEnvironment();
        await new Migrator(db).MigrateAsync(ct: ct);
        await using var query = new TileFeatureQuery(db);
        var service = new TileService(new LayerStore(db), new TileCache(cacheRoot), NullLogger<TileService>.Instance, query: query);
        IReadOnlyList<TileLayerSource> layers = layerCode == TileService.PublicName
            ? await service.PublicLayersAsync(ct)
            : await service.LayerAsync(layerCode, ct) is { } one ? [one] : [];
        if (layers.Count == 0)
        {
            System.Console.Error.WriteLine($"ob tiles: no layer '{layerCode}' with an imported version (ob layers lists them; import one first)");
            return 2;
        }

        var area = new Envelope();
        foreach (var l in layers)
            if (l.Bbox is { } lb) area.ExpandToInclude(EnvelopeReprojection.Transform(lb, service.WorkingSrid, 3857));
        if (bbox is not null) area = area.Intersection(EnvelopeReprojection.Transform(bbox, CrsCatalog.Cgcs2000, 3857));
        if (area.IsNull)
        {
            System.Console.Error.WriteLine("ob tiles: the layers have no features inside --bbox: nothing to render");
            return 2;
        }

        var tiles = new List<TileAddress>();
        for (var z = minZoom; z <= maxZoom; z++)
        {
            var size = new TileAddress(z, 0, 0).Size;
            var n = (1 << z) - 1;
            int X(double mx) => Math.Clamp((int)Math.Floor((mx + TileAddress.WorldHalf) / size), 0, n);
            int Y(double my) => Math.Clamp((int)Math.Floor((TileAddress.WorldHalf - my) / size), 0, n);
            var count = (long)(X(area.MaxX) - X(area.MinX) + 1) * (Y(area.MinY) - Y(area.MaxY) + 1);
            if (tiles.Count + count > MaxTiles) throw new UsageException($"zoom {minZoom}-{maxZoom} over this area is more than {MaxTiles:N0} tiles: narrow --zoom or --bbox");
            for (var x = X(area.MinX); x <= X(area.MaxX); x++)
                for (var y = Y(area.MaxY); y <= Y(area.MinY); y++)
                    tiles.Add(new TileAddress(z, x, y));
        }

        var name = layerCode == TileService.PublicName ? TileService.PublicName : layers[0].Code;
        long rendered = 0, cached = 0, empty = 0, done = 0;
        var clock = Stopwatch.StartNew();
        await ProgressBar.RunAsync($"tiles {name} z{minZoom}-{maxZoom} ({tiles.Count:N0})", async progress =>
        {
            await Parallel.ForEachAsync(tiles, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
                async (tile, token) =>
                {
                    var result = await service.GetAsync(name, layers, tile, token);
                    Interlocked.Increment(ref result.FromCache ? ref cached : ref rendered);
                    if (result.Bytes.Length == 0) Interlocked.Increment(ref empty);
                    var d = Interlocked.Increment(ref done);
                    if (d % 16 == 0 || d == tiles.Count) progress.Report(100.0 * d / tiles.Count);
                });
            return 0;
        });
        System.Console.WriteLine($"{tiles.Count:N0} tiles of {name} z{minZoom}-{maxZoom}: {rendered:N0} rendered, {cached:N0} already cached, {empty:N0} empty; {clock.Elapsed.TotalSeconds:0.0} s → {service.Cache.Root}");
        return 0;
    }

    internal static (int, int) ParseZoom(string text)
    {
        var parts = text.Split('-');
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            && a <= b && b <= TileAddress.MaxZoom)
            return (a, b);
        throw new UsageException($"--zoom '{text}' is not a zoom or range within 0-{TileAddress.MaxZoom} (e.g. 12 or 10-14)");
    }

    private static Envelope ParseBbox(string text)
    {
        var parts = text.Split(',');
        var values = new double[4];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok)
            || values[0] >= values[2] || values[1] >= values[3] || values[0] < -180 || values[2] > 180 || values[1] < -85.06 || values[3] > 85.06)
            throw new UsageException($"--bbox '{text}' is not W,S,E,N in lon/lat degrees with W < E and S < N");
        return new Envelope(values[0], values[2], values[1], values[3]);
    }
}
