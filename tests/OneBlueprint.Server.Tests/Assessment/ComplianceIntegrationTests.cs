using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneBlueprint.Server.Tests.Compliance;

namespace OneBlueprint.Server.Tests.Assessment;

/// <summary>
/// A stored compliance check filed under a project carries the red line's regional-assessment coverage and records the
/// project's reuse (the statistics' "projects that reused results per month"); other checks are unchanged.
/// </summary>
[Collection(AssessmentDemoServerCollection.Name)]
public sealed class ComplianceIntegrationTests(AssessmentDemoServer server)
{
    [Fact]
    public async Task StoredProjectCheck_CarriesTheAssessmentAndRecordsTheReuse()
    {
        const string project = "2026-410100-ASSESS-01";
        await server.Planner.PostAsJsonAsync("/api/v1/projects", new { code = project, name = "区域评估复用测试项目", category = "工业" });
        var redLine = await server.ScalarAsync<string>(
            "SELECT ST_AsGeoJSON(ST_Transform(ST_Buffer(ST_PointOnSurface(geom), 60), 4490), 9) FROM ob.assessment_area WHERE unit_code = '410100QY003' AND status = 'published'");

        var (status, json) = await CheckRequests.PostAsync(server.Planner, $"?projectCode={project}&includeParts=false", CheckRequests.Content(System.Text.Encoding.UTF8.GetBytes(redLine)));
        Assert.True(status == 201, json.ToJsonString());
        var id = json["id"]!.GetValue<long>();
        var block = json["assessment"]!;
        var date = block["date"]!.GetValue<string>();
        var expected = await server.ScalarAsync<string>("""
            SELECT string_agg(i.item_code, ',' ORDER BY i.item_code) FROM ob.assessment_area a JOIN ob.assessment_item i ON i.area_id = a.id
            WHERE a.unit_code = '410100QY003' AND a.status = 'published' AND i.valid_from <= $1::date AND (i.valid_to IS NULL OR i.valid_to >= $1::date)
            """, date);
        Assert.Equal(expected, string.Join(",", block["summary"]!["mayReuse"]!.AsArray().Select(m => m!["item"]!.GetValue<string>()).Order(StringComparer.Ordinal)));
        Assert.True(block["reuseRecorded"]!.GetValue<bool>());

        Assert.Equal(expected, await server.ScalarAsync<string>(
            "SELECT array_to_string(ARRAY(SELECT unnest(item_codes) ORDER BY 1), ',') FROM ob.assessment_usage WHERE check_id = $1 AND project_code = $2", id, project));
        var stored = (await server.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/compliance/checks/{id}"))!;
        Assert.Equal(block.ToJsonString(), stored["assessment"]!.ToJsonString());
        var report = await server.Anonymous.GetAsync($"/api/v1/compliance/checks/{id}/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        // The reviewer's report shows the same block: a row per item, the reusable ones listed by name.
        var html = await report.Content.ReadAsStringAsync();
        Assert.Contains("区域评估成果复用", html);
        Assert.Equal(block["items"]!.AsArray().Count, System.Text.RegularExpressions.Regex.Count(html, "<tr data-item="));
        foreach (var m in block["summary"]!["mayReuse"]!.AsArray()) Assert.Contains("<li><b>" + m!["name"]!.GetValue<string>() + "</b>", html);

        var (plainStatus, plain) = await CheckRequests.PostAsync(server.Anonymous, "?includeParts=false", CheckRequests.Content(System.Text.Encoding.UTF8.GetBytes(redLine)));
        Assert.Equal(201, plainStatus);
        Assert.Null(plain["assessment"]);
    }
}
