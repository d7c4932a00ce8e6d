using OneBlueprint.Geo.Problems;
using OneBlueprint.Server.Http;
using OneBlueprint.Server.Ogc;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Endpoints;

/// <summary>
/// OGC API – Features (Part 1 Core, Part 2 CRS by reference) under /ogc: landing page, conformance, collections
/// (control layers with a current version and projects' red lines), items with bbox/bbox-crs/crs/limit/offset and
/// property filters, single items; JSON/GeoJSON or HTML by ?f= or the Accept header. Reads need no key; non-public
/// layers are listed only for callers with one.
/// </summary>
public static class OgcFeaturesEndpoints
{
    private const string Title = "一张蓝图 OneBlueprint — OGC API Features";
    private const string Description = "The city's control lines (三区三线, 四线) and projects' red lines (项目用地红线) as OGC API – Features collections, in CGCS2000.";

    public static IEndpointRouteBuilder MapOgcFeatures(this IEndpointRouteBuilder app)
    {
        var layers = app.ServiceProvider.GetRequiredService<LayerStore>();
        var catalog = new OgcCatalog(layers, new LayerFeatureQuery(app.ServiceProvider.GetRequiredService<ObDatabase>()));
        var ogc = app.MapGroup("/ogc").WithTags("OGC API Features");

        ogc.MapGet("/", (HttpRequest request) => Landing(request)).WithName("OgcLanding").WithSummary("OGC API – Features landing page.");
        ogc.MapGet("/conformance", (HttpRequest request) => Conformance(request)).WithName("OgcConformance").WithSummary("Conformance classes.");
        ogc.MapGet("/collections", (HttpRequest request, CancellationToken ct) => Collections(catalog, request, ct))
            .WithName("OgcCollections").WithSummary("The feature collections: control layers with a current version, and redlines.");
        ogc.MapGet("/collections/{collectionId}", (string collectionId, HttpRequest request, CancellationToken ct) => Collection(catalog, collectionId, request, ct))
            .WithName("OgcCollection").WithSummary("One collection: title, extent, crs list, storageCrs.");
        ogc.MapGet("/collections/{collectionId}/items", (string collectionId, HttpRequest request, CancellationToken ct) => Items(catalog, collectionId, request, ct))
            .WithName("OgcItems")
            .WithSummary("Features: bbox, bbox-crs, crs, limit (10, max 10000), offset, f, and PROPERTY=value equality filters.");
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", (string collectionId, string featureId, HttpRequest request, CancellationToken ct) =>
                Item(catalog, collectionId, featureId, request, ct))
            .WithName("OgcItem").WithSummary("One feature by id; crs= for its coordinates.");
        return app;
    }

    private static IResult Landing(HttpRequest request)
    {
        var f = OgcNegotiation.Choose(request);
        var links = OgcLinks.SelfAndAlternate(request, "/ogc", f, OgcLinks.Json, "this document")
            .Append(new OgcLink("service-desc", OgcLinks.OpenApi, OgcLinks.Href(request, "/openapi/v1.json"), "the API definition (OpenAPI 3)"))
            .Append(new OgcLink("conformance", OgcLinks.Json, OgcLinks.Href(request, "/ogc/conformance"), "conformance classes"))
            .Append(new OgcLink("data", OgcLinks.Json, OgcLinks.Href(request, "/ogc/collections"), "the feature collections"))
            .ToList();
        return f == OgcFormat.Html ? OgcResult.Html(OgcHtml.Landing(Title, Description, links)) : new OgcResult(OgcJson.Landing(Title, Description, links), OgcLinks.Json);
    }

    private static IResult Conformance(HttpRequest request)
    {
        var f = OgcNegotiation.Choose(request);
        var links = OgcLinks.SelfAndAlternate(request, "/ogc/conformance", f, OgcLinks.Json, "conformance classes").ToList();
        return f == OgcFormat.Html ? OgcResult.Html(OgcHtml.Conformance(links)) : new OgcResult(OgcJson.Conformance(links), OgcLinks.Json);
    }

    private static async Task<IResult> Collections(OgcCatalog catalog, HttpRequest request, CancellationToken ct)
    {
        var f = OgcNegotiation.Choose(request);
        var views = (await catalog.ListAsync(WithKey(request), ct)).Select(c => View(catalog, c, request)).ToList();
        var links = OgcLinks.SelfAndAlternate(request, "/ogc/collections", f, OgcLinks.Json, "the feature collections").ToList();
        return f == OgcFormat.Html ? OgcResult.Html(OgcHtml.Collections(views, links)) : new OgcResult(OgcJson.Collections(views, links), OgcLinks.Json);
    }

    private static async Task<IResult> Collection(OgcCatalog catalog, string id, HttpRequest request, CancellationToken ct)
    {
        var f = OgcNegotiation.Choose(request);
        var view = View(catalog, await catalog.GetAsync(id, WithKey(request), ct), request);
        return f == OgcFormat.Html ? OgcResult.Html(OgcHtml.Collection(view)) : new OgcResult(OgcJson.Collection(view), OgcLinks.Json);
    }

    private static async Task<IResult> Items(OgcCatalog catalog, string id, HttpRequest request, CancellationToken ct)
    {
        var f = OgcNegotiation.Choose(request);
        var collection = await catalog.GetAsync(id, WithKey(request), ct);
        var query = await OgcItemsRequest.ParseAsync(request, collection.Source, catalog.WorkingSrid, ct);
        var page = await collection.Source.PageAsync(query.Filter, query.Limit, query.Offset, ct);
        var features = page.Features.Select(x => OgcOutput.ToOutput(x, catalog.WorkingSrid, query.Crs)).ToList();

        var path = $"/ogc/collections/{Uri.EscapeDataString(id)}/items";
        var jsonType = OgcLinks.GeoJson;
        IEnumerable<KeyValuePair<string, string>> At(int offset) => query.EchoQuery.Append(new("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var links = OgcLinks.SelfAndAlternate(request, path, f, jsonType, "this page", At(query.Offset)).ToList();
        foreach (var (fmt, type) in new[] { ("json", jsonType), ("html", OgcLinks.Html) })
        {
            if (query.Offset + features.Count < page.NumberMatched && features.Count > 0)
                links.Add(new OgcLink("next", type, OgcLinks.Href(request, path, At(query.Offset + query.Limit).Append(new("f", fmt))), "next page"));
            if (query.Offset > 0)
                links.Add(new OgcLink("prev", type, OgcLinks.Href(request, path, At(Math.Max(0, query.Offset - query.Limit)).Append(new("f", fmt))), "previous page"));
        }
        links.Add(new OgcLink("collection", OgcLinks.Json, OgcLinks.Href(request, $"/ogc/collections/{Uri.EscapeDataString(id)}"), collection.Title));
        links.Add(new OgcLink("collection", OgcLinks.Html, OgcLinks.Href(request, $"/ogc/collections/{Uri.EscapeDataString(id)}", [new("f", "html")]), collection.Title));

        var view = new ItemsView(View(catalog, collection, request), features, page.NumberMatched, DateTimeOffset.UtcNow, query.Crs, query.Offset, links);
        return f == OgcFormat.Html ? OgcResult.Html(OgcHtml.Items(view)) : new OgcResult(OgcJson.Items(view), OgcLinks.GeoJson, query.Crs);
    }

    private static async Task<IResult> Item(OgcCatalog catalog, string id, string featureId, HttpRequest request, CancellationToken ct)
    {
        var f = OgcNegotiation.Choose(request);
        var collection = await catalog.GetAsync(id, WithKey(request), ct);
        foreach (var name in request.Query.Keys)
            if (name is not ("f" or "crs"))
                throw new InputException(InputProblem.Error("query.unknown", $"'{name}' is not a parameter of a single item", null, "A single item takes crs= and f= only."));
        var crs = OgcCrs.Parse(request.Query["crs"].FirstOrDefault(), "crs") ?? OgcCrs.Crs84;
        var feature = long.TryParse(featureId, out var n) ? await collection.Source.FeatureAsync(n, ct) : null;
        if (feature is null)
            throw new InputException(InputProblem.Error("ogc.feature", $"collection '{id}' has no feature '{featureId}'", null,
                $"Page through /ogc/collections/{id}/items to find the feature ids."), 404);

        var path = $"/ogc/collections/{Uri.EscapeDataString(id)}/items/{Uri.EscapeDataString(featureId)}";
        IEnumerable<KeyValuePair<string, string>> q = crs == OgcCrs.Crs84 ? [] : [new("crs", crs.Uri)];
        var links = OgcLinks.SelfAndAlternate(request, path, f, OgcLinks.GeoJson, "this feature", q).ToList();
        links.Add(new OgcLink("collection", OgcLinks.Json, OgcLinks.Href(request, $"/ogc/collections/{Uri.EscapeDataString(id)}"), collection.Title));
        var view = new ItemView(View(catalog, collection, request), OgcOutput.ToOutput(feature, catalog.WorkingSrid, crs), crs, links);
        return f == OgcFormat.Html ? OgcResult.Html(OgcHtml.Item(view)) : new OgcResult(OgcJson.Item(view), OgcLinks.GeoJson, crs);
    }

    private static CollectionView View(OgcCatalog catalog, OgcCollection c, HttpRequest request)
    {
        var path = $"/ogc/collections/{Uri.EscapeDataString(c.Id)}";
        var links = new List<OgcLink>
        {
            new("self", OgcLinks.Json, OgcLinks.Href(request, path), c.Title),
            new("alternate", OgcLinks.Html, OgcLinks.Href(request, path, [new("f", "html")]), c.Title + " (HTML)"),
            new("items", OgcLinks.GeoJson, OgcLinks.Href(request, path + "/items"), c.Title + " — features (GeoJSON)"),
            new("items", OgcLinks.Html, OgcLinks.Href(request, path + "/items", [new("f", "html")]), c.Title + " — features (HTML)"),
        };
        return new CollectionView(c, LayerViews.LonLatBox(c.Extent, catalog.WorkingSrid), links, OgcCrs.Storage(catalog.WorkingSrid).Uri);
    }

    private static bool WithKey(HttpRequest request) => request.HttpContext.User.Identity?.IsAuthenticated == true;
}
