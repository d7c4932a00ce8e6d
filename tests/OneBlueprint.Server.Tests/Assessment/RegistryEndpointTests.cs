using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Server.Tests.Reports.Support;

namespace OneBlueprint.Server.Tests.Assessment;

/// <summary>
/// The registry over HTTP: what the public sees (published areas, their documents, history; never drafts), what
/// planners may do (import, upload documents, publish), and the point look-up, checked against PostGIS.
/// </summary>
[Collection(AssessmentDemoServerCollection.Name)]
public sealed class RegistryEndpointTests(AssessmentDemoServer server)
{
    private static JsonArray Features(JsonNode collection) => collection["features"]!.AsArray();

    [Fact]
    public async Task Areas_PublicListHoldsThePublishedVersionsOnly()
    {
        var json = (await server.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/assessment/areas?date=2026-11-24"))!;
        var units = Features(json).Select(f => f!["properties"]!["unitCode"]!.GetValue<string>()).ToList();
        Assert.Equal(await server.ScalarAsync<long>("SELECT count(*) FROM ob.assessment_area WHERE status = 'published'"), units.Count);
        Assert.DoesNotContain("410100QY005", units); // the demo's draft
        Assert.All(Features(json), f => Assert.Equal("published", f!["properties"]!["status"]!.GetValue<string>()));
        var qy001 = Features(json).Single(f => f!["properties"]!["unitCode"]!.GetValue<string>() == "410100QY001")!;
        var eia = qy001["properties"]!["items"]!.AsArray().Single(i => i!["item"]!.GetValue<string>() == "HJYX")!;
        Assert.Equal("expired", eia["state"]!.GetValue<string>());
        // lon/lat polygon: PostGIS's own transform of the stored area has the same area
        var area = await server.ScalarAsync<double>("SELECT ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490), 4547))", qy001["geometry"]!.ToJsonString());
        var stored = await server.ScalarAsync<double>("SELECT ST_Area(geom) FROM ob.assessment_area WHERE unit_code = '410100QY001' AND status = 'published'");
        Assert.Equal(stored, area, stored * 1e-6);

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anonymous.GetAsync("/api/v1/assessment/areas?includeDrafts=true")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Reviewer.GetAsync("/api/v1/assessment/areas?includeDrafts=true")).StatusCode);
        var withDrafts = (await server.Planner.GetFromJsonAsync<JsonObject>("/api/v1/assessment/areas?includeDrafts=true"))!;
        Assert.Contains("410100QY005", Features(withDrafts).Select(f => f!["properties"]!["unitCode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Drafts_AndTheirDocuments_Are404ToThePublic()
    {
        var draftId = await server.ScalarAsync<long>("SELECT id FROM ob.assessment_area WHERE unit_code = '410100QY005'");
        var documentId = await server.ScalarAsync<long>("SELECT d.id FROM ob.assessment_document d JOIN ob.assessment_item i ON i.id = d.item_id WHERE i.area_id = $1 LIMIT 1", draftId);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anonymous.GetAsync($"/api/v1/assessment/areas/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anonymous.GetAsync($"/api/v1/assessment/documents/{documentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anonymous.GetAsync("/api/v1/assessment/units/410100QY005/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Planner.GetAsync($"/api/v1/assessment/areas/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Planner.GetAsync($"/api/v1/assessment/documents/{documentId}")).StatusCode);
    }

    [Fact]
    public async Task Documents_OfPublishedResults_DownloadAsStored_AndAreRealPdfs()
    {
        var (id, _) = await server.PublishedAsync("410100QY001");
        var area = (await server.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/assessment/areas/{id}"))!;
        var document = area["items"]!.AsArray().Single(i => i!["item"]!.GetValue<string>() == "DZZH")!["documents"]!.AsArray().Single()!;
        var response = await server.Anonymous.GetAsync(document["href"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(document["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(await server.ScalarAsync<string>("SELECT encode(sha256(content), 'hex') FROM ob.assessment_document WHERE id = $1", document["id"]!.GetValue<long>()),
            Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());
        var path = Path.Combine(Path.GetTempPath(), $"ob-doc-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            Assert.Matches(@"Pages:\s+1\b", Poppler.Run("pdfinfo", path));
            Assert.Contains("Assessment unit: 410100QY001", Poppler.Run("pdftotext", path, "-"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Versions_OfAUnit_KeepTheSupersededOne()
    {
        var versions = (await server.Anonymous.GetFromJsonAsync<JsonArray>("/api/v1/assessment/units/410100QY003/versions"))!;
        Assert.Equal([("superseded", 1), ("published", 2)], versions.Select(v => (v!["status"]!.GetValue<string>(), v["version"]!.GetValue<int>())));
        Assert.NotNull(versions[0]!["supersededAt"]!.GetValue<DateTimeOffset?>());
    }

    [Fact]
    public async Task At_APoint_ListsTheAreasPostGisSaysContainIt()
    {
        var random = new Random(7);
        var (_, qy002) = await server.PublishedAsync("410100QY002");
        var box = qy002.EnvelopeInternal;
        var inside = 0;
        for (var n = 0; n < 60; n++)
        {
            var x = box.MinX + random.NextDouble() * box.Width;
            var y = box.MinY + random.NextDouble() * box.Height;
            var (lon, lat) = Reprojector.Transform(x, y, 4547, CrsCatalog.Cgcs2000);
            var json = (await server.Anonymous.GetFromJsonAsync<JsonObject>(FormattableString.Invariant($"/api/v1/assessment/at?lon={lon:R}&lat={lat:R}&date=2026-11-24")))!;
            var ours = json["areas"]!.AsArray().Select(a => a!["unitCode"]!.GetValue<string>()).Order().ToList();
            var expected = await server.ScalarAsync<string>("""
                SELECT coalesce(string_agg(unit_code, ',' ORDER BY unit_code), '') FROM ob.assessment_area
                WHERE status = 'published' AND ST_Intersects(geom, ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4490), 4547))
                """, lon, lat);
            Assert.Equal(expected, string.Join(",", ours));
            inside += ours.Count;
        }
        Assert.True(inside >= 10, "too few points fell inside an area");
        var bad = await server.Anonymous.GetAsync("/api/v1/assessment/at?lon=500&lat=34");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Import_UploadDocument_Publish_ThenThePublicSeesIt()
    {
        var unit = "410100QYT" + Random.Shared.Next(100_000, 999_999);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(AssessmentForms.SquareGeoJson(113.20, 34.60, 0.01))) { Headers = { ContentType = new MediaTypeHeaderValue("application/geo+json") } }, "file", "area.geojson" },
            { new StringContent("""[{"item": "环评", "validFrom": "2026-01-01", "validTo": "2030-12-31", "mode": "告知承诺"}]"""), "items" },
        };
        var created = await server.Planner.PostAsync($"/api/v1/assessment/areas?unitCode={unit}&name=%E6%B5%8B%E8%AF%95", form);
        var (status, json) = await AssessmentDemoServer.ReadAsync(created);
        Assert.True(status == 201, json?.ToJsonString());
        var id = json!["area"]!["id"]!.GetValue<long>();
        Assert.Equal("draft", json["area"]!["status"]!.GetValue<string>());
        Assert.Equal(["建设项目环境影响评价文件审批"], json["area"]!["items"]![0]!["matchedApprovals"]!.AsArray().Select(a => a!.GetValue<string>()));

        var pdf = new ByteArrayContent(AssessmentForms.Pdf());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var upload = await server.Planner.PostAsync($"/api/v1/assessment/areas/{id}/items/HJYX/documents?filename=%E7%8E%AF%E8%AF%84.pdf", pdf);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var documentHref = (await upload.Content.ReadFromJsonAsync<JsonObject>())!["href"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anonymous.GetAsync(documentHref)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anonymous.PostAsync($"/api/v1/assessment/areas/{id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Reviewer.PostAsync($"/api/v1/assessment/areas/{id}/publish", null)).StatusCode);
        var published = await server.Planner.PostAsync($"/api/v1/assessment/areas/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var download = await server.Anonymous.GetAsync(documentHref);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(AssessmentForms.Pdf(), await download.Content.ReadAsByteArrayAsync());
        Assert.Contains("filename*=UTF-8''%E7%8E%AF%E8%AF%84.pdf", download.Content.Headers.ContentDisposition!.ToString());

        var again = await server.Planner.PostAsync($"/api/v1/assessment/areas/{id}/items/HJYX/documents?filename=b.pdf", new ByteArrayContent(AssessmentForms.Pdf()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
