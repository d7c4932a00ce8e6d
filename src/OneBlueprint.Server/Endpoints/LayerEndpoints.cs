using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Server.Access;
using OneBlueprint.Server.Http;
using OneBlueprint.Storage.Import;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Endpoints;

/// <summary>
/// The blueprint's control-line layers: the catalogue, each layer's versions, features as GeoJSON with a
/// bbox filter, and imports of new versions (administrators only).
/// </summary>
public static class LayerEndpoints
{
    public const int MaxPageSize = 10_000;

    public static IEndpointRouteBuilder MapLayers(this IEndpointRouteBuilder app)
    {
        var layers = app.MapGroup("/api/v1/layers").WithTags("Layers");

        layers.MapGet("/", async (LayerStore store, CancellationToken ct) => Results.Ok((await store.ListLayersAsync(ct)).Select(l => l.ToView(store.WorkingSrid))))
            .WithName("ListLayers").WithSummary("The layer catalogue with each layer's current version.");

        layers.MapGet("/{code}", async (string code, LayerStore store, CancellationToken ct) =>
                await store.GetLayerAsync(code, ct) is { } layer ? Results.Ok(layer.ToView(store.WorkingSrid)) : LayerNotFound(code))
            .WithName("GetLayer").WithSummary("One layer of the catalogue.");

        layers.MapGet("/{code}/versions", async (string code, LayerStore store, CancellationToken ct) =>
                await store.GetLayerAsync(code, ct) is null ? LayerNotFound(code) : Results.Ok((await store.ListVersionsAsync(code, ct)).Select(v => v.ToView(store.WorkingSrid))))
            .WithName("ListLayerVersions").WithSummary("Every imported version of a layer, newest first, with source file, checksum, who and note.");

        layers.MapGet("/{code}/features", GetFeatures)
            .WithName("GetLayerFeatures")
            .WithSummary("Features of a layer version as GeoJSON. bbox=minx,miny,maxx,maxy in bbox-crs (default EPSG:4490 lon/lat); crs= the output CRS (default EPSG:4490).");

        layers.MapPost("/{code}/versions", ImportVersion)
            .RequireAuthorization(Roles.AdminPolicy)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ServerLimits.MaxUploadBytes))
            .WithName("ImportLayerVersion")
            .WithSummary("Import a file (GeoJSON, 界址点 TXT, GeoPackage, zipped shapefile) as the layer's next version, in one transaction. Query: note, repair=true, crs=EPSG:N, effectiveDate=YYYY-MM-DD.");
        return app;
    }

    private static async Task<IResult> GetFeatures(
        string code, LayerStore store, HttpRequest request, CancellationToken ct,
        int? version = null, string? bbox = null, int limit = 1000, int offset = 0)
    {
        var layerVersion = await store.GetVersionAsync(code, version, ct);
        if (layerVersion is null)
            return await store.GetLayerAsync(code, ct) is null ? LayerNotFound(code) : Problem(404, "layer.version", $"layer {code} has no version {(version?.ToString() ?? "yet")}", "List the versions at /api/v1/layers/{code}/versions.");
        if (limit < 1 || limit > MaxPageSize) return Problem(400, "query.limit", $"limit must be between 1 and {MaxPageSize}", "Page with limit and offset.");
        if (offset < 0) return Problem(400, "query.offset", "offset must not be negative", "Use offset=0 for the first page.");

        var outputSrid = QueryCrs.Parse(request, "crs") ?? CrsCatalog.Cgcs2000;
        var box = QueryCrs.ParseBbox(bbox, QueryCrs.Parse(request, "bbox-crs") ?? CrsCatalog.Cgcs2000, store.WorkingSrid);
        var page = new FeatureSet { Srid = store.WorkingSrid, Name = code };
        page.Features.AddRange(await store.QueryFeaturesAsync(layerVersion.Id, box, limit, offset, ct: ct));
        return new GeoJsonResult(page, outputSrid);
    }

    private static async Task<IResult> ImportVersion(
        string code, HttpContext http, LayerStore store, LayerImporter importer, Compliance.BlueprintLoader blueprint, CancellationToken ct,
        string? note = null, bool repair = false, string? effectiveDate = null)
    {
        if (await store.GetLayerAsync(code, ct) is null) return LayerNotFound(code);
        var forcedSrid = QueryCrs.Parse(http.Request, "crs");
        var upload = await UploadReader.ReadAsync(http.Request, ct, forcedSrid);
        DateOnly? effective = null;
        if (effectiveDate is not null)
            effective = DateOnly.TryParseExact(effectiveDate, "yyyy-MM-dd", out var d) ? d
                : throw new InputException(InputProblem.Error("query.effectiveDate", $"effectiveDate '{effectiveDate}' is not a date", null, "Write it as YYYY-MM-DD."));

        var result = await importer.ImportAsync(upload.Features, new LayerImportRequest(
            LayerCode: code, Who: http.CallerName(), Note: note, SourceFile: upload.FileName,
            ChecksumSha256: upload.ChecksumSha256, EffectiveDate: effective, RepairInvalid: repair, SourceSridOverride: forcedSrid),
            progress: null, ct);
        // Checks on this server use the new version from the answer on (other servers poll); a failed rebuild is logged, retried by the poll.
        await blueprint.LayerImportedAsync(result.LayerCode, ct);
        return Results.Created($"/api/v1/layers/{code}/versions", ImportViews.ToView(result));
    }

    internal static IResult LayerNotFound(string code) =>
        Problem(404, "layer.unknown", $"there is no layer '{code}'", "GET /api/v1/layers lists the layer codes.");

    internal static IResult Problem(int status, string code, string what, string fix) =>
        Results.Problem(statusCode: status, title: what, detail: fix, type: $"https://oneblueprint.local/problems/{code}");
}
