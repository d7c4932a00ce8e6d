using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Ogc;

/// <summary>Which encoding a request gets: <c>?f=json|html</c> wins, else the Accept header (browsers ask for text/html), else JSON.</summary>
public enum OgcFormat { Json, Html }

public static class OgcNegotiation
{
    public static OgcFormat Choose(HttpRequest request)
    {
        var f = request.Query["f"].FirstOrDefault();
        if (!string.IsNullOrEmpty(f))
            return f.ToLowerInvariant() switch
            {
                "json" or "geojson" => OgcFormat.Json,
                "html" => OgcFormat.Html,
                _ => throw new InputException(InputProblem.Error("query.f", $"f={f} is not an encoding this API offers", null, "Use f=json (GeoJSON / JSON) or f=html.")),
            };
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return OgcFormat.Json;
        // the highest-quality type that is one of ours decides; order breaks ties (browsers list text/html first)
        var ranked = accept.Select((a, i) => (Type: a.MediaType.Value ?? "", Q: a.Quality ?? 1.0, i)).OrderByDescending(a => a.Q).ThenBy(a => a.i);
        foreach (var (type, _, _) in ranked)
        {
            if (type.Equals("text/html", StringComparison.OrdinalIgnoreCase)) return OgcFormat.Html;
            if (type.Contains("json", StringComparison.OrdinalIgnoreCase)) return OgcFormat.Json;
        }
        return OgcFormat.Json;
    }
}
