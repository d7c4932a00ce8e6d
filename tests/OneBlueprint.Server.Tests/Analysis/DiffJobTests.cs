using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Analysis;

/// <summary>
/// A two-plan discrepancy analysis as a server job over a real PostGIS: 土规 and 城规 parcels in the working CRS give
/// one conflict patch (城规建设土规非建设) whose area is PostGIS's intersection of the two parcels; the run conserves both
/// plans' areas; a second run keeps the number.
/// </summary>
public sealed class DiffJobTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static string Plan(string field, params (string Code, double X0, double X1)[] parcels) =>
        "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", parcels.Select(p => FormattableString.Invariant(
            $"{{\"type\":\"Feature\",\"properties\":{{\"{field}\":\"{p.Code}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{460_000 + p.X0},3840000],[{460_000 + p.X1},3840000],[{460_000 + p.X1},3841000],[{460_000 + p.X0},3841000],[{460_000 + p.X0},3840000]]]}}}}"))) + "]}";

    private async Task ImportAsync(string layer, string geojson)
    {
        var response = await server.Admin.PostAsync($"/api/v1/layers/{layer}/versions?crs=EPSG:4547", new StringContent(geojson, Encoding.UTF8, "application/geo+json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Diff_OneConflictPatchWithPostGisArea_ConservedAndNumberKeptOnRerun()
    {
        await ImportAsync("TDGH", Plan("TDGHDL", ("211", 0, 1000), ("111", 1000, 2000)));
        await ImportAsync("CSGH", Plan("YDDM", ("R", 0, 1500), ("E2", 1500, 2000)));

        var start = await server.Planner.PostAsJsonAsync("/api/v1/analysis/diff", new { minAreaM2 = 1.0 });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var job = await AnalysisJobs.WaitAsync(server.Reviewer, (await start.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>());
        Assert.True(job["state"]!.GetValue<string>() == "done", job.ToJsonString());
        Assert.True(job["summary"]!["conserved"]!.GetValue<bool>(), job["summary"]!.ToJsonString());

        var patches = (await server.Reviewer.GetFromJsonAsync<JsonObject>($"/api/v1/analysis/jobs/{job["id"]}/patches?conflicts=true"))!["features"]!.AsArray();
        var patch = Assert.Single(patches)!["properties"]!;
        Assert.Equal("2", patch["CYLXDM"]!.GetValue<string>());
        Assert.Equal("城规建设土规非建设", patch["LXMC"]!.GetValue<string>());
        Assert.Equal("111", patch["TGYDXZ"]!.GetValue<string>());
        Assert.Equal("R", patch["CGYDXZ"]!.GetValue<string>());

        await using var cmd = server.Database.Database.DataSource.CreateCommand("""
            SELECT ST_Area(ST_Intersection(a.geom, b.geom)) FROM ob.layer_feature a, ob.layer_feature b
            WHERE a.version_id = (SELECT max(id) FROM ob.layer_version WHERE layer_code = 'TDGH') AND a.attributes->>'TDGHDL' = '111'
              AND b.version_id = (SELECT max(id) FROM ob.layer_version WHERE layer_code = 'CSGH') AND b.attributes->>'YDDM' = 'R'
            """);
        var expected = (double)(await cmd.ExecuteScalarAsync())!;
        Assert.Equal(expected, patch["TBMJ"]!.GetValue<double>(), expected * 1e-9);

        var again = await server.Planner.PostAsJsonAsync("/api/v1/analysis/diff", new { minAreaM2 = 1.0 });
        var second = await AnalysisJobs.WaitAsync(server.Reviewer, (await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>());
        var kept = Assert.Single((await server.Reviewer.GetFromJsonAsync<JsonObject>($"/api/v1/analysis/jobs/{second["id"]}/patches?conflicts=true"))!["features"]!.AsArray())!["properties"]!;
        Assert.Equal(patch["DKBH"]!.GetValue<string>(), kept["DKBH"]!.GetValue<string>());
        Assert.Equal("unchanged", kept["PPJG"]!.GetValue<string>());
    }

    [Fact]
    public async Task Diff_BadRequestsAreClearProblems()
    {
        var unknown = await server.Planner.PostAsJsonAsync("/api/v1/analysis/diff", new { layerA = "NOPE" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var classification = await server.Planner.PostAsJsonAsync("/api/v1/analysis/diff", new { classification = "whatever" });
        Assert.Equal(HttpStatusCode.BadRequest, classification.StatusCode);
        Assert.Contains("as-is", await classification.Content.ReadAsStringAsync());
        var sliver = await server.Planner.PostAsJsonAsync("/api/v1/analysis/diff", new { minAreaM2 = -3.0 });
        Assert.Equal(HttpStatusCode.BadRequest, sliver.StatusCode);
    }
}
