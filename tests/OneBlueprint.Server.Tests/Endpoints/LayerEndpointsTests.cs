using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Endpoints;

public sealed class LayerEndpointsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    // Two green-belt parcels in Zhengzhou, lon/lat (EPSG:4490), one with a hole.
    private const string TwoParcels = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","id":"A1","properties":{"名称":"绿带一","KCXS":0.1},
           "geometry":{"type":"Polygon","coordinates":[[[113.60,34.70],[113.62,34.70],[113.62,34.72],[113.60,34.72],[113.60,34.70]],
                                                        [[113.605,34.705],[113.606,34.705],[113.606,34.706],[113.605,34.706],[113.605,34.705]]]}},
          {"type":"Feature","id":"A2","properties":{"名称":"绿带二","KCXS":null},
           "geometry":{"type":"Polygon","coordinates":[[[113.70,34.80],[113.71,34.80],[113.71,34.81],[113.70,34.81],[113.70,34.80]]]}}]}
        """;

    private const string Bowtie = """
        {"type":"Feature","properties":{"名称":"自相交"},
         "geometry":{"type":"Polygon","coordinates":[[[113.60,34.70],[113.62,34.72],[113.62,34.70],[113.60,34.72],[113.60,34.70]]]}}
        """;

    private static StringContent GeoJson(string text) => new(text, Encoding.UTF8, "application/geo+json");

    private async Task<int> VersionCount(string layer) =>
        (await server.Anonymous.GetFromJsonAsync<JsonArray>($"/api/v1/layers/{layer}/versions"))!.Count;

    [Fact]
    public async Task Health_ReadyWhenPostGisAndSchemaAreThere()
    {
        var live = await server.Anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await server.Anonymous.GetFromJsonAsync<JsonObject>("/health/ready");
        Assert.True(ready!["isReady"]!.GetValue<bool>(), ready.ToJsonString());
    }

    [Fact]
    public async Task OpenApi_DescribesEveryGroup()
    {
        var doc = await server.Anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = doc!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/layers", paths.Select(p => p.TrimEnd('/')));
        Assert.Contains("/api/v1/layers/{code}/features", paths);
        Assert.Contains("/api/v1/projects/{code}/redline", paths);
        Assert.Contains("/health/ready", paths);
    }

    [Fact]
    public async Task Catalogue_ListsTheControlLinesAsData()
    {
        var layers = await server.Anonymous.GetFromJsonAsync<JsonArray>("/api/v1/layers");
        var codes = layers!.Select(l => l!["code"]!.GetValue<string>()).ToList();
        foreach (var code in new[] { "STBHHX", "YJJBNTBHTB", "CZKFBJ", "LX", "LVX", "ZX", "HX", "XZQH" }) Assert.Contains(code, codes);
        Assert.Equal("生态保护红线", layers!.First(l => l!["code"]!.GetValue<string>() == "STBHHX")!["nameZh"]!.GetValue<string>());
    }

    [Fact]
    public async Task Import_NeedsAnAdminKey()
    {
        var anonymous = await server.Anonymous.PostAsync("/api/v1/layers/LVX/versions", GeoJson(TwoParcels));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        var reviewer = await server.Reviewer.PostAsync("/api/v1/layers/LVX/versions", GeoJson(TwoParcels));
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.StatusCode);
        var badKey = new HttpClient { BaseAddress = server.BaseAddress };
        badKey.DefaultRequestHeaders.Add("X-Api-Key", "ob_nothing_wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await badKey.PostAsync("/api/v1/layers/LVX/versions", GeoJson(TwoParcels))).StatusCode);
    }

    [Fact]
    public async Task Import_CreatesAVersion_ServesFeaturesByBbox_AndIsAudited()
    {
        var before = await VersionCount("ZX");
        var response = await server.Admin.PostAsync("/api/v1/layers/ZX/versions?note=two%20parcels&effectiveDate=2026-01-01", GeoJson(TwoParcels));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(2, created!["featureCount"]!.GetValue<int>());
        Assert.Equal(4490, created["sourceSrid"]!.GetValue<int>());
        Assert.Equal(before + 1, await VersionCount("ZX"));

        var versions = await server.Anonymous.GetFromJsonAsync<JsonArray>("/api/v1/layers/ZX/versions");
        var newest = versions!.OrderByDescending(v => v!["version"]!.GetValue<int>()).First()!;
        Assert.Equal("two parcels", newest["note"]!.GetValue<string>());
        Assert.Equal("test-admin", newest["importedBy"]!.GetValue<string>());
        Assert.Equal(64, newest["checksumSha256"]!.GetValue<string>().Length);

        var all = await server.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/layers/ZX/features");
        Assert.Equal(2, all!["features"]!.AsArray().Count);
        var west = await server.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/layers/ZX/features?bbox=113.59,34.69,113.63,34.73");
        var only = Assert.Single(west!["features"]!.AsArray());
        Assert.Equal("绿带一", only!["properties"]!["名称"]!.GetValue<string>());
        // Stored in EPSG:4547 and served back in 4490: the corner comes back to 1e-8° (≈1 mm).
        var corner = only["geometry"]!["coordinates"]![0]![0]!.AsArray();
        Assert.Equal(113.60, corner[0]!.GetValue<double>(), 8);
        Assert.Equal(34.70, corner[1]!.GetValue<double>(), 8);

        var audit = await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/audit");
        Assert.Contains(audit!, a => a!.ToJsonString().Contains("layer.import") && a.ToJsonString().Contains("test-admin"));
    }

    [Fact]
    public async Task Import_MalformedJson_Is400WithLineAndNothingWritten()
    {
        var before = await VersionCount("HX");
        var response = await server.Admin.PostAsync("/api/v1/layers/HX/versions", GeoJson("{\"type\":\"FeatureCollection\",\n\"features\":[ {\"type\": }]}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var first = problem!["problems"]!.AsArray()[0]!;
        Assert.Equal(2, first["where"]!["line"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(first["howToFix"]!.GetValue<string>()));
        Assert.Equal(before, await VersionCount("HX"));
    }

    [Fact]
    public async Task Import_SelfIntersection_Is422WithCoordinate_UnlessRepairAsked()
    {
        var before = await VersionCount("LX");
        var rejected = await server.Admin.PostAsync("/api/v1/layers/LX/versions", GeoJson(Bowtie));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        var problem = await rejected.Content.ReadFromJsonAsync<JsonObject>();
        var where = problem!["problems"]!.AsArray()[0]!["where"]!;
        Assert.NotNull(where["x"]);
        Assert.Equal(before, await VersionCount("LX"));

        var repaired = await server.Admin.PostAsync("/api/v1/layers/LX/versions?repair=true", GeoJson(Bowtie));
        Assert.Equal(HttpStatusCode.Created, repaired.StatusCode);
        var result = await repaired.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, result!["repairedCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_UnknownLayerAndContentType_AreClear4xx()
    {
        var unknown = await server.Admin.PostAsync("/api/v1/layers/NOPE/versions", GeoJson(TwoParcels));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var wrongType = await server.Admin.PostAsync("/api/v1/layers/LX/versions", new StringContent("<kml/>", Encoding.UTF8, "application/vnd.google-earth.kml+xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        var badBbox = await server.Anonymous.GetAsync("/api/v1/layers/LX/features?bbox=1,2,3");
        Assert.True(badBbox.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Features_InWorkingCrs_MatchProj()
    {
        await server.Admin.PostAsync("/api/v1/layers/CSJSYD/versions", GeoJson(TwoParcels));
        var gk = await server.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/layers/CSJSYD/features?crs=EPSG:4547");
        var feature = gk!["features"]!.AsArray().First(f => f!["properties"]!["名称"]!.GetValue<string>() == "绿带二")!;
        var corner = feature["geometry"]!["coordinates"]![0]![0]!.AsArray();
        var (e, n) = Proj.Cs2cs(4490, 4547, 113.70, 34.80);
        Assert.Equal(e, corner[0]!.GetValue<double>(), 0.001);
        Assert.Equal(n, corner[1]!.GetValue<double>(), 0.001);
    }

    [Fact]
    public async Task Import_GaussKrugerGeoJsonWithoutCrsMember_ReadInTheSystemGivenByCrsQuery()
    {
        // Metres with no "crs" member: refused as lon/lat out of range unless crs= says what they are.
        const string metres = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"米制地块"},
             "geometry":{"type":"Polygon","coordinates":[[[460000,3840000],[460100,3840000],[460100,3840100],[460000,3840100],[460000,3840000]]]}}]}
            """;
        var refused = await server.Admin.PostAsync("/api/v1/layers/HP/versions", GeoJson(metres));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("crs=EPSG", await refused.Content.ReadAsStringAsync());
        var imported = await server.Admin.PostAsync("/api/v1/layers/HP/versions?crs=EPSG:4547", GeoJson(metres));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var back = await server.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/layers/HP/features?crs=EPSG:4547");
        var corner = back!["features"]![0]!["geometry"]!["coordinates"]![0]![0]!.AsArray();
        Assert.Equal(460000, corner[0]!.GetValue<double>(), 1e-6);
        Assert.Equal(3840000, corner[1]!.GetValue<double>(), 1e-6);
    }
}
