using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Server.Tests.Compliance;

/// <summary>Builds compliance-check request bodies and reads the answers.</summary>
public static class CheckRequests
{
    public const string Path = "/api/v1/compliance/checks";

    /// <summary>A FeatureCollection of <paramref name="parcels"/> (EPSG:4547) written in <paramref name="srid"/> (4547 or 4490).</summary>
    public static byte[] GeoJson(IEnumerable<Geometry> parcels, int srid = DemoCity.DemoCity.Srid)
    {
        var set = new FeatureSet { Srid = DemoCity.DemoCity.Srid };
        var n = 0;
        foreach (var p in parcels) set.Features.Add(new GeoFeature(p) { Id = $"P{++n}" });
        return GeoJsonWriter.WriteToUtf8Bytes(set.ReprojectTo(srid), new GeoJsonWriteOptions { Decimals = srid == CrsCatalog.Cgcs2000 ? 10 : 3 });
    }

    public static ByteArrayContent Content(byte[] body, string mediaType = "application/geo+json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    public static ByteArrayContent Text(string text) => Content(Encoding.UTF8.GetBytes(text), "text/plain");

    /// <summary>POSTs and returns the status and the parsed JSON (answer or ProblemDetails).</summary>
    public static async Task<(int Status, JsonObject Json)> PostAsync(HttpClient client, string query, HttpContent content, CancellationToken ct = default)
    {
        var response = await client.PostAsync(Path + query, content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return ((int)response.StatusCode, JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"not a JSON object: {text}"));
    }

    public static JsonObject Layer(JsonObject answer, string code) =>
        answer["layers"]!.AsArray().OfType<JsonObject>().Single(l => l["code"]!.GetValue<string>() == code);
}
