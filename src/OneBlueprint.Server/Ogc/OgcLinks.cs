using System.Text;

namespace OneBlueprint.Server.Ogc;

/// <summary>A link of an OGC API resource (rel, media type, absolute href, title).</summary>
public sealed record OgcLink(string Rel, string Type, string Href, string Title);

/// <summary>Absolute hrefs built from the request's scheme, host and path base, so links work behind the name the client used.</summary>
public static class OgcLinks
{
    public const string Json = "application/json";
    public const string GeoJson = "application/geo+json";
    public const string Html = "text/html";
    public const string OpenApi = "application/vnd.oai.openapi+json;version=3.0";

    public static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary><paramref name="path"/> with <paramref name="query"/> (name, value) pairs, values escaped.</summary>
    public static string Href(HttpRequest request, string path, IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        var sb = new StringBuilder(Base(request)).Append(path);
        var first = true;
        foreach (var (name, value) in query ?? [])
        {
            sb.Append(first ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }
        return sb.ToString();
    }

    /// <summary>The json/html pair for a resource: self in the encoding answered, alternate in the other.</summary>
    public static IEnumerable<OgcLink> SelfAndAlternate(HttpRequest request, string path, OgcFormat answered, string jsonType, string title,
        IEnumerable<KeyValuePair<string, string>>? query = null)
    {
        var q = (query ?? []).ToList();
        var json = new OgcLink("self", jsonType, Href(request, path, q.Append(new("f", "json"))), title);
        var html = new OgcLink("self", Html, Href(request, path, q.Append(new("f", "html"))), title + " (HTML)");
        return answered == OgcFormat.Json ? [json, html with { Rel = "alternate" }] : [html, json with { Rel = "alternate" }];
    }
}
