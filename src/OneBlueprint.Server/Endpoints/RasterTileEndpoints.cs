using System.Globalization;
using OneBlueprint.Server.Tiles;
using OneBlueprint.Server.Tiles.Raster;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Endpoints;

/// <summary>
/// PNG tiles of styled layers and the WMTS 1.0.0 service over them. XYZ-style paths answer errors as
/// ProblemDetails like the vector tiles; WMTS KVP requests answer them as OWS ExceptionReports. Tiles are
/// cached on disk by layer version; the ETag names the version, the grid and the tile.
/// </summary>
public static class RasterTileEndpoints
{
    public const string PngContentType = "image/png";
    private const string XmlContentType = "application/xml; charset=utf-8";

    public static IEndpointRouteBuilder MapRasterTiles(this IEndpointRouteBuilder app)
    {
        // Built here rather than in DI, so the raster tiles plug in with one line in ServerApp.
        RasterTileService? service = null;
        RasterTileService Service(IServiceProvider sp) => Volatile.Read(ref service) ?? Interlocked.CompareExchange(ref service,
            new RasterTileService(sp.GetRequiredService<TileService>(), sp.GetRequiredService<LayerStore>(),
                new RasterTileCache(sp.GetRequiredService<TileCache>()), sp.GetRequiredService<ILogger<RasterTileService>>()), null) ?? service!;

        var tiles = app.MapGroup("/tiles/raster").WithTags("Raster tiles");
        tiles.MapGet("/{layer}/{z}/{x}/{y}.png", (string layer, string z, string x, string y, HttpContext http, CancellationToken ct) =>
                Tile(Service(http.RequestServices), http, layer, RasterGrid.GoogleMapsCompatible, z, x, y, ct))
            .WithName("GetRasterTile").WithSummary("One layer as a styled 256×256 PNG, EPSG:3857 XYZ (GoogleMapsCompatible), zoom 0–20.");
        tiles.MapGet("/{layer}/cgcs2000/{z}/{x}/{y}.png", (string layer, string z, string x, string y, HttpContext http, CancellationToken ct) =>
                Tile(Service(http.RequestServices), http, layer, RasterGrid.Cgcs2000, z, x, y, ct))
            .WithName("GetRasterTileCgcs2000").WithSummary("One layer as a styled 256×256 PNG in the CGCS2000 (EPSG:4490) lon/lat grid like 天地图's \"c\" set: level 1 = 2×1 tiles of 180°, levels 1–18.");

        var wmts = app.MapGroup("/wmts").WithTags("WMTS");
        wmts.MapGet("", (HttpContext http, CancellationToken ct) => Kvp(Service(http.RequestServices), http, ct))
            .WithName("WmtsKvp").WithSummary("WMTS 1.0.0 KVP: SERVICE=WMTS&REQUEST=GetCapabilities | GetTile (LAYER, STYLE, TILEMATRIXSET, TILEMATRIX, TILEROW, TILECOL, FORMAT=image/png).");
        wmts.MapGet("/1.0.0/WMTSCapabilities.xml", async (HttpContext http, CancellationToken ct) => await Capabilities(Service(http.RequestServices), http, ct))
            .WithName("WmtsCapabilities").WithSummary("WMTS 1.0.0 capabilities (RESTful), listing every public layer in GoogleMapsCompatible and CGCS2000.");
        wmts.MapGet("/1.0.0/{layer}/{style}/{set}/{matrix}/{row}/{col}.png",
                (string layer, string style, string set, string matrix, string row, string col, HttpContext http, CancellationToken ct) =>
                    Grid(set) is { } grid
                        ? Tile(Service(http.RequestServices), http, layer, grid, matrix, col, row, ct)
                        : Task.FromResult(LayerEndpoints.Problem(404, "wmts.tileMatrixSet", $"there is no tile matrix set '{set}'",
                            $"Use one of {string.Join(", ", RasterGrid.All.Select(g => g.Id))}.")))
            .WithName("WmtsRestTile").WithSummary("WMTS 1.0.0 RESTful GetTile (the ResourceURL template of the capabilities).");
        return app;
    }

    private static RasterGrid? Grid(string id) => RasterGrid.All.FirstOrDefault(g => string.Equals(g.Id, id, StringComparison.OrdinalIgnoreCase));

    private static async Task<IResult> Tile(RasterTileService service, HttpContext http, string code, RasterGrid grid, string z, string x, string y, CancellationToken ct)
    {
        if (!int.TryParse(z, NumberStyles.None, CultureInfo.InvariantCulture, out var zi)
            || !int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out var xi)
            || !int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var yi))
            return LayerEndpoints.Problem(400, "tile.address", $"tile address {z}/{x}/{y} is not three whole numbers",
                $"Ask for level/column/row with {grid.MinZoom} ≤ level ≤ {grid.MaxZoom} in {grid.Id}.");
        if (!grid.TryAddress(zi, xi, yi, out var problem))
            return LayerEndpoints.Problem(400, "tile.address", $"tile {z}/{x}/{y} does not exist: {problem}",
                $"In {grid.Id} level z has {grid.MatrixWidth(grid.MinZoom)}·2^(z−{grid.MinZoom}) columns; rows are counted from the top.");
        if (await service.LayerAsync(code, ct) is not { } layer)
            return LayerEndpoints.Problem(404, "tile.layer", $"there is no layer '{code}' with an imported version to draw tiles from",
                "GET /api/v1/layers lists the layer codes and their current versions; import a version first.");
        return Serve(http, await service.GetAsync(layer, grid, zi, xi, yi, ct));
    }

    private static IResult Serve(HttpContext http, TileResult tile)
    {
        var headers = http.Response.Headers;
        headers.ETag = tile.ETag;
        headers.CacheControl = TileEndpoints.CacheControl;
        headers["X-Tile-Cache"] = tile.FromCache ? "hit" : "miss";
        if (http.Request.Headers.IfNoneMatch.Contains(tile.ETag)) return Results.StatusCode(304);
        return Results.Bytes(tile.Bytes, PngContentType);
    }

    private static async Task<IResult> Capabilities(RasterTileService service, HttpContext http, CancellationToken ct)
    {
        var request = http.Request;
        var doc = WmtsCapabilities.Build($"{request.Scheme}://{request.Host}{request.PathBase}",
            await service.Tiles.CatalogueAsync(ct), service.Tiles.WorkingSrid);
        return Results.Text(doc.Declaration + "\n" + doc.Root, XmlContentType);
    }

    /// <summary>KVP: parameter names are case-insensitive (OGC 06-121r3 §11.5.2), values are not.</summary>
    private static async Task<IResult> Kvp(RasterTileService service, HttpContext http, CancellationToken ct)
    {
        var query = http.Request.Query.ToDictionary(p => p.Key.ToUpperInvariant(), p => p.Value.ToString());
        string? Get(string name) => query.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        IResult Fail(string code, string locator, string text)
        {
            var e = new OwsException(code, locator, text);
            return Results.Text(e.ToXml(), XmlContentType, statusCode: e.StatusCode);
        }

        if (Get("SERVICE") is not { } svc) return Fail("MissingParameterValue", "SERVICE", "SERVICE is missing: add SERVICE=WMTS.");
        if (svc != "WMTS") return Fail("InvalidParameterValue", "SERVICE", $"SERVICE={svc} is not served here: use SERVICE=WMTS.");
        if (Get("REQUEST") is not { } req) return Fail("MissingParameterValue", "REQUEST", "REQUEST is missing: add REQUEST=GetCapabilities or REQUEST=GetTile.");
        if (req.Equals("GetCapabilities", StringComparison.OrdinalIgnoreCase)) return await Capabilities(service, http, ct);
        if (!req.Equals("GetTile", StringComparison.OrdinalIgnoreCase))
            return Fail("OperationNotSupported", "REQUEST", $"REQUEST={req} is not supported: use GetCapabilities or GetTile.");

        foreach (var name in new[] { "LAYER", "TILEMATRIXSET", "TILEMATRIX", "TILEROW", "TILECOL", "FORMAT" })
            if (Get(name) is null) return Fail("MissingParameterValue", name, $"{name} is missing: GetTile needs LAYER, STYLE, TILEMATRIXSET, TILEMATRIX, TILEROW, TILECOL and FORMAT=image/png.");
        if (Get("VERSION") is { } version && version != "1.0.0")
            return Fail("InvalidParameterValue", "VERSION", $"VERSION={version} is not supported: use VERSION=1.0.0.");
        if (Get("FORMAT") != PngContentType) return Fail("InvalidParameterValue", "FORMAT", $"FORMAT={Get("FORMAT")} is not offered: use FORMAT=image/png.");
        if (Get("STYLE") is { } style && style != "default") return Fail("InvalidParameterValue", "STYLE", $"STYLE={style} is unknown: use STYLE=default.");
        var code = Get("LAYER")!;
        if (await service.LayerAsync(code, ct) is not { } layer)
            return Fail("InvalidParameterValue", "LAYER", $"LAYER={code} is not a layer with an imported version: GetCapabilities lists the layers.");
        if (Grid(Get("TILEMATRIXSET")!) is not { } grid)
            return Fail("InvalidParameterValue", "TILEMATRIXSET", $"TILEMATRIXSET={Get("TILEMATRIXSET")} is unknown: use {string.Join(" or ", RasterGrid.All.Select(g => g.Id))}.");
        if (!int.TryParse(Get("TILEMATRIX"), NumberStyles.None, CultureInfo.InvariantCulture, out var z) || z < grid.MinZoom || z > grid.MaxZoom)
            return Fail("InvalidParameterValue", "TILEMATRIX", $"TILEMATRIX={Get("TILEMATRIX")} is not a level of {grid.Id}: use {grid.MinZoom}–{grid.MaxZoom}.");
        if (!int.TryParse(Get("TILEROW"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var row))
            return Fail("InvalidParameterValue", "TILEROW", $"TILEROW={Get("TILEROW")} is not a whole number.");
        if (!int.TryParse(Get("TILECOL"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var col))
            return Fail("InvalidParameterValue", "TILECOL", $"TILECOL={Get("TILECOL")} is not a whole number.");
        if (row < 0 || row >= grid.MatrixHeight(z))
            return Fail("TileOutOfRange", "TILEROW", $"TILEROW={row} is outside 0–{grid.MatrixHeight(z) - 1} at level {z} of {grid.Id}.");
        if (col < 0 || col >= grid.MatrixWidth(z))
            return Fail("TileOutOfRange", "TILECOL", $"TILECOL={col} is outside 0–{grid.MatrixWidth(z) - 1} at level {z} of {grid.Id}.");
        return Serve(http, await service.GetAsync(layer, grid, z, col, row, ct));
    }
}
