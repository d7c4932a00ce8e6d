using System.Globalization;
using OneBlueprint.Server.Tiles;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Endpoints;

/// <summary>
/// Mapbox Vector Tiles in EPSG:3857 (XYZ scheme, zoom 0–20) per layer and for the composite of the public
/// layers, with their TileJSON. Tiles are drawn from each layer's current version and cached on disk by
/// version; the ETag names the version and the tile. An empty tile is answered 200 with zero bytes (a valid
/// MVT without layers), so clients and caches treat it like any other tile.
/// </summary>
public static class TileEndpoints
{
    public const string MvtContentType = "application/vnd.mapbox-vector-tile";

    /// <summary>One minute in browsers, then revalidated by ETag (a new import changes it).</summary>
    public const string CacheControl = "public, max-age=60";

    public static IEndpointRouteBuilder MapTiles(this IEndpointRouteBuilder app)
    {
        var tiles = app.MapGroup("/tiles").WithTags("Tiles");

        tiles.MapGet("/public/{z}/{x}/{y}.mvt", async (string z, string x, string y, TileService service, HttpContext http, CancellationToken ct) =>
                !TryParse(z, x, y, out var tile, out var bad) ? bad!
                : await Serve(http, await service.GetAsync(TileService.PublicName, await service.PublicLayersAsync(ct), tile, ct)))
            .WithName("GetPublicTile").WithSummary("The public layers as one vector tile (one MVT layer per layer code), EPSG:3857 XYZ.");

        tiles.MapGet("/public.json", async (TileService service, LayerStore store, HttpRequest request, CancellationToken ct) =>
                Results.Json(await TileJsonBuilder.BuildAsync("一张蓝图 public layers", "Public control layers of the blueprint",
                    $"{Base(request)}/tiles/public/{{z}}/{{x}}/{{y}}.mvt", await service.PublicLayersAsync(ct), store, ct)))
            .WithName("GetPublicTileJson").WithSummary("TileJSON 3.0.0 of the public composite.");

        tiles.MapGet("/{layer}/{z}/{x}/{y}.mvt", async (string layer, string z, string x, string y, TileService service, HttpContext http, CancellationToken ct) =>
            {
                if (!TryParse(z, x, y, out var tile, out var bad)) return bad!;
                if (await service.LayerAsync(layer, ct) is not { } source) return NotFound(layer);
                return await Serve(http, await service.GetAsync(layer, [source], tile, ct));
            })
            .WithName("GetLayerTile").WithSummary("One layer's current version as a vector tile, EPSG:3857 XYZ, zoom 0–20.");

        tiles.MapGet("/{layer}.json", async (string layer, TileService service, LayerStore store, HttpRequest request, CancellationToken ct) =>
                await service.LayerAsync(layer, ct) is not { } source
                    ? NotFound(layer)
                    : Results.Json(await TileJsonBuilder.BuildAsync(layer, source.Name,
                        $"{Base(request)}/tiles/{layer}/{{z}}/{{x}}/{{y}}.mvt", [source], store, ct)))
            .WithName("GetLayerTileJson").WithSummary("TileJSON 3.0.0 of one layer's tiles.");
        return app;
    }

    private static Task<IResult> Serve(HttpContext http, TileResult tile)
    {
        var headers = http.Response.Headers;
        headers.ETag = tile.ETag;
        headers.CacheControl = CacheControl;
        headers["X-Tile-Cache"] = tile.FromCache ? "hit" : "miss";
        if (http.Request.Headers.IfNoneMatch.Contains(tile.ETag)) return Task.FromResult(Results.StatusCode(304));
        return Task.FromResult(Results.Bytes(tile.Bytes, MvtContentType));
    }

    private static bool TryParse(string z, string x, string y, out TileAddress tile, out IResult? bad)
    {
        tile = default;
        bad = null;
        if (!int.TryParse(z, NumberStyles.None, CultureInfo.InvariantCulture, out var zi)
            || !int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var xi)
            || !int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var yi))
        {
            bad = LayerEndpoints.Problem(400, "tile.address", $"tile address {z}/{x}/{y} is not three whole numbers",
                $"Ask for /tiles/{{layer}}/{{z}}/{{x}}/{{y}}.mvt with 0 ≤ z ≤ {TileAddress.MaxZoom} and 0 ≤ x, y < 2^z.");
            return false;
        }
        if (!TileAddress.TryCreate(zi, xi, yi, out tile, out var problem))
        {
            bad = LayerEndpoints.Problem(400, "tile.address", $"tile {z}/{x}/{y} does not exist: {problem}",
                $"Use 0 ≤ z ≤ {TileAddress.MaxZoom} and 0 ≤ x, y < 2^z (XYZ scheme, y counted from the north).");
            return false;
        }
        return true;
    }

    private static IResult NotFound(string layer) => LayerEndpoints.Problem(404, "tile.layer",
        $"there is no layer '{layer}' with an imported version to draw tiles from",
        "GET /api/v1/layers lists the layer codes and their current versions; import a version first.");

    private static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
