using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneBlueprint.DemoCity;
using OneBlueprint.Server.Reports.Pdf;

namespace OneBlueprint.Server.Tests.Compliance;

/// <summary>Checks are stored with what they were computed on, listed per project, exported and reported.</summary>
[Collection(DemoCityServerCollection.Name)]
public sealed class StoredCheckTests(DemoCityServer server)
{
    private DemoProject Project(ProjectScenario scenario) => server.City.Projects.First(p => p.Scenario == scenario);

    private async Task<JsonObject> CheckAsync(DemoProject project, string query = "", HttpClient? client = null)
    {
        var (status, json) = await CheckRequests.PostAsync(client ?? server.Planner, "?crs=EPSG:4547&" + query,
            CheckRequests.Content(CheckRequests.GeoJson(project.RedLine.Features.Select(f => f.Geometry))));
        Assert.True(status == 201, json.ToJsonString());
        return json;
    }

    /// <summary>The id of each control layer's highest version, straight from PostGIS.</summary>
    private async Task<Dictionary<string, long>> CurrentVersionIdsAsync()
    {
        await using var cmd = server.Database.DataSource.CreateCommand("""
            SELECT DISTINCT ON (layer_code) layer_code, id FROM ob.layer_version
            WHERE layer_code IN ('STBHHX', 'YJJBNTBHTB', 'CZKFBJ', 'LX', 'LVX', 'ZX', 'HX') ORDER BY layer_code, version DESC
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        var ids = new Dictionary<string, long>();
        while (await r.ReadAsync()) ids[r.GetString(0)] = r.GetInt64(1);
        Assert.Equal(7, ids.Count);
        return ids;
    }

    private async Task<long> VersionIdAsync(string code, int version)
    {
        await using var cmd = server.Database.DataSource.CreateCommand("SELECT id FROM ob.layer_version WHERE layer_code = $1 AND version = $2");
        cmd.Parameters.Add(new() { Value = code });
        cmd.Parameters.Add(new() { Value = version });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Check_IsStored_ServedAsAnswered_AndListedUnderItsProject()
    {
        var project = Project(ProjectScenario.OverlapsEcologicalRedline);
        var posted = await CheckAsync(project, $"projectCode={project.Code}");
        var id = posted["id"]!.GetValue<long>();
        Assert.Equal($"/api/v1/compliance/checks/{id}", posted["links"]!["self"]!.GetValue<string>());

        var stored = await server.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/compliance/checks/{id}");
        Assert.True(JsonNode.DeepEquals(posted, stored), "the stored answer differs from the one given");
        var withoutParts = await server.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/compliance/checks/{id}?includeParts=false");
        Assert.False(CheckRequests.Layer(withoutParts!, "STBHHX").ContainsKey("parts"));

        // The layer versions recorded are the current ones of the catalogue, with their numbers.
        var current = await CurrentVersionIdsAsync();
        foreach (var (code, versionId) in current)
            Assert.Equal(versionId, posted["layerVersions"]![code]!["id"]!.GetValue<long>());
        Assert.Equal("compliance-planner", posted["createdBy"]!.GetValue<string>());

        var byProject = await server.Anonymous.GetFromJsonAsync<JsonArray>($"/api/v1/projects/{project.Code}/checks");
        Assert.Contains(byProject!, c => c!["id"]!.GetValue<long>() == id && c["verdict"]!.GetValue<string>() == "conflict"
                                         && c["layerVerdicts"]!["STBHHX"]!.GetValue<string>() == "conflict");
        var filtered = await server.Anonymous.GetFromJsonAsync<JsonArray>($"/api/v1/compliance/checks?projectCode={project.Code}");
        Assert.All(filtered!, c => Assert.Equal(project.Code, c!["projectCode"]!.GetValue<string>()));
        Assert.Contains(filtered!, c => c!["id"]!.GetValue<long>() == id);

        // One audit row, written with the check.
        var audit = await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/audit?limit=1000");
        Assert.Single(audit!, a => a!["entry"]!["action"]!.GetValue<string>() == "compliance.check" && a["entry"]!["entityId"]!.GetValue<string>() == id.ToString());
    }

    [Fact]
    public async Task UnknownCheck_Is404_AndUnknownProjectList_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anonymous.GetAsync("/api/v1/compliance/checks/987654321")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anonymous.GetAsync("/api/v1/compliance/checks/987654321/conflicts.geojson")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anonymous.GetAsync("/api/v1/projects/NO-SUCH/checks")).StatusCode);
    }

    [Fact]
    public async Task ConflictExport_HoldsTheConflictParts_WhoseAreasPostGisConfirms()
    {
        var project = Project(ProjectScenario.OverlapsEcologicalRedline);
        var posted = await CheckAsync(project, $"projectCode={project.Code}");
        var id = posted["id"]!.GetValue<long>();
        var response = await server.Anonymous.GetAsync($"/api/v1/compliance/checks/{id}/conflicts.geojson");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var collection = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var features = collection["features"]!.AsArray().OfType<JsonObject>().ToList();
        var stbhhx = Assert.Single(features, f => f["properties"]!["layerCode"]!.GetValue<string>() == "STBHHX");
        Assert.Equal("conflict", stbhhx["properties"]!["verdict"]!.GetValue<string>());
        Assert.Equal("STBHHX-CONFLICT-OCCUPY", stbhhx["properties"]!["ruleId"]!.GetValue<string>());
        Assert.All(features, f => Assert.NotEqual("pass", f["properties"]!["verdict"]!.GetValue<string>()));
        var overlap = CheckRequests.Layer(posted, "STBHHX")["overlapAreaM2"]!.GetValue<double>();
        Assert.Equal(overlap, stbhhx["properties"]!["areaM2"]!.GetValue<double>());

        // The stored part is the red line ∩ the redline features, as PostGIS computes it from the stored red line.
        await using var cmd = server.Database.DataSource.CreateCommand("""
            SELECT ST_Area(p.geom),
                   (SELECT ST_Area(ST_Intersection(c.redline, ST_Union(f.geom))) FROM ob.layer_feature f
                    WHERE f.version_id = (c.layer_versions->'STBHHX'->>'id')::bigint AND ST_Intersects(f.geom, c.redline))
            FROM ob.compliance_part p JOIN ob.compliance_check c ON c.id = p.check_id
            WHERE p.check_id = $1 AND p.layer_code = 'STBHHX' AND p.kind = 'overlap'
            """);
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal(r.GetDouble(1), r.GetDouble(0), 2);
        Assert.Equal(overlap, r.GetDouble(0), 2);
    }

    [Fact]
    public async Task Report_IsHtml_AndPdf()
    {
        var project = Project(ProjectScenario.StraddlesUrbanBoundary);
        var id = (await CheckAsync(project, $"projectCode={project.Code}"))["id"]!.GetValue<long>();
        var html = await server.Anonymous.GetAsync($"/api/v1/compliance/checks/{id}/report");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains(project.Code, page);
        Assert.Contains("城镇开发边界", page);
        Assert.Contains("<svg", page);

        if (PdfPrinter.FindChromium() is null) return; // the PDF needs Chromium (scripts/deps.sh installs it)
        var pdf = await server.Anonymous.GetAsync($"/api/v1/compliance/checks/{id}/report.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Fact]
    public async Task ImportingANewVersion_SwapsTheIndex_AndTheNextCheckUsesIt()
    {
        var project = Project(ProjectScenario.OverlapsEcologicalRedline);
        var before = await CheckAsync(project, "includeParts=false");
        var oldId = before["layerVersions"]!["STBHHX"]!["id"]!.GetValue<long>();

        // Re-import the same ecological redlines: a new version, same content.
        var body = CheckRequests.GeoJson(server.City.Layers["STBHHX"].Features.Select(f => f.Geometry));
        var import = await server.Admin.PostAsync("/api/v1/layers/STBHHX/versions?crs=EPSG:4547&note=swap%20test", CheckRequests.Content(body));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var version = (await import.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>();
        var newId = await VersionIdAsync("STBHHX", version);
        Assert.NotEqual(oldId, newId);

        var after = await CheckAsync(project, "includeParts=false");
        Assert.Equal(newId, after["layerVersions"]!["STBHHX"]!["id"]!.GetValue<long>());
        Assert.Equal(version, after["layerVersions"]!["STBHHX"]!["version"]!.GetValue<int>());
        Assert.Equal(newId, CheckRequests.Layer(after, "STBHHX")["layerVersionId"]!.GetValue<long>());
        Assert.Equal(CheckRequests.Layer(before, "STBHHX")["overlapAreaM2"]!.GetValue<double>(),
            CheckRequests.Layer(after, "STBHHX")["overlapAreaM2"]!.GetValue<double>(), 6);
        Assert.Equal(newId, (await DemoCityServer.LoadedVersionsAsync(server.Anonymous))["STBHHX"]);
    }

    [Fact]
    public async Task ASecondServer_PollsTheCatalogue_AndConvergesOnAVersionImportedElsewhere()
    {
        var (other, address) = await DemoCityServer.StartServerAsync(server.Database.ConnectionString, pollSeconds: 1);
        try
        {
            using var otherClient = new HttpClient { BaseAddress = address };
            var body = CheckRequests.GeoJson(server.City.Layers["LX"].Features.Select(f => f.Geometry));
            var import = await server.Admin.PostAsync("/api/v1/layers/LX/versions?crs=EPSG:4547&note=convergence%20test", CheckRequests.Content(body));
            Assert.Equal(HttpStatusCode.Created, import.StatusCode);
            var newId = await VersionIdAsync("LX", (await import.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());

            for (var attempt = 0; (await DemoCityServer.LoadedVersionsAsync(otherClient))["LX"] != newId; attempt++)
            {
                Assert.True(attempt < 600, "the second server did not pick up the new LX version");
                await Task.Delay(100);
            }
            var (status, json) = await CheckRequests.PostAsync(otherClient, "?crs=EPSG:4547&includeParts=false&dryRun=true",
                CheckRequests.Content(CheckRequests.GeoJson(Project(ProjectScenario.OverlapsBlueLine).RedLine.Features.Select(f => f.Geometry))));
            Assert.Equal(200, status); // dry run: answered, not stored
            Assert.Null(json["id"]);
            Assert.Equal(newId, json["layerVersions"]!["LX"]!["id"]!.GetValue<long>());
        }
        finally
        {
            await other.StopAsync();
            await other.DisposeAsync();
        }
    }
}
