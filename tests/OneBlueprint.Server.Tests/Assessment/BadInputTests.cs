using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OneBlueprint.Server.Tests.Compliance;

namespace OneBlueprint.Server.Tests.Assessment;

/// <summary>
/// Bad input over HTTP: each refused with a ProblemDetails (4xx, application/problem+json) whose problems[] say what,
/// where and how to fix it — and nothing written (areas, items, documents and audit rows counted before and after).
/// </summary>
[Collection(AssessmentDemoServerCollection.Name)]
public sealed class BadInputTests(AssessmentDemoServer server)
{
    private const string Valid = """{"item": "DZZH", "validFrom": "2026-01-01", "validTo": "2030-12-31", "mode": "告知承诺"}""";

    private async Task<string> CountsAsync() => await server.ScalarAsync<string>("""
        SELECT (SELECT count(*) FROM ob.assessment_area) || '/' || (SELECT count(*) FROM ob.assessment_item) || '/' ||
               (SELECT count(*) FROM ob.assessment_document) || '/' || (SELECT count(*) FROM ob.audit_log) || '/' || (SELECT count(*) FROM ob.assessment_usage)
        """);

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var json = JsonNode.Parse(text)!.AsObject();
        Assert.Contains(json["problems"]!.AsArray(), p => p!["code"]!.GetValue<string>() == code);
        Assert.All(json["problems"]!.AsArray(), p => Assert.False(string.IsNullOrWhiteSpace(p!["howToFix"]!.GetValue<string>())));
        return json;
    }

    private Task<HttpResponseMessage> PostAreaAsync(string geoJson, string items, string query = "publish=true") =>
        server.Planner.PostAsync($"/api/v1/assessment/areas?unitCode=410100QYBAD&name=bad&{query}", AssessmentForms.Area(geoJson, items));

    [Fact]
    public async Task Import_OverlappingAnotherUnitsResultForTheSameItem_Is422NamingIt_AndWritesNothing()
    {
        var qy001 = await server.ScalarAsync<string>(
            "SELECT ST_AsGeoJSON(ST_Transform(ST_Buffer(geom, -200), 4490), 9) FROM ob.assessment_area WHERE unit_code = '410100QY001' AND status = 'published'");
        var before = await CountsAsync();
        var json = await ProblemAsync(await PostAreaAsync(qy001, $"[{Valid}]"), 422, "assessment.overlap");
        var what = string.Join("\n", json["problems"]!.AsArray().Select(p => p!["what"]!.GetValue<string>()));
        Assert.Contains("(410100QY001 v1)", what);
        Assert.Contains("地质灾害危险性评估 (DZZH)", what);
        Assert.Contains("allowOverlap=true", json["problems"]![0]!["howToFix"]!.GetValue<string>());
        Assert.NotNull(json["problems"]![0]!["where"]!["x"]);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("""[{"item": "HJYX", "validFrom": "2019-07-01", "validTo": "2025-06-30", "mode": "告知承诺"}]""", 422, "assessment.expired")]
    [InlineData("""[{"item": "HJYX", "validFrom": "2027-07-01", "validTo": "2026-06-30", "mode": "告知承诺"}]""", 422, "assessment.dates")]
    [InlineData("""[{"item": "HJYX", "validFrom": "2026/07/01", "mode": "告知承诺"}]""", 422, "assessment.dates")]
    [InlineData("""[{"item": "交通影响评价", "validFrom": "2026-01-01", "mode": "告知承诺"}]""", 422, "assessment.item_unknown")]
    [InlineData("""[{"item": "HJYX", "validFrom": "2026-01-01", "mode": "马上办"}]""", 422, "assessment.mode")]
    [InlineData("""[{"item": "HJYX", "validFrom": "2026-01-01", "mode": "告知承诺", "documents": ["/etc/passwd"]}]""", 422, "assessment.document_path")]
    [InlineData("""[{"item": "HJYX", "validFrom": """, 400, "assessment.items_json")]
    public async Task Import_BadItems_AreRefusedWithTheirProblem_AndWriteNothing(string items, int status, string code)
    {
        var before = await CountsAsync();
        await ProblemAsync(await PostAreaAsync(AssessmentForms.SquareGeoJson(113.30, 34.55, 0.01), items), status, code);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_BadPolygonOrRequest_IsRefused()
    {
        var before = await CountsAsync();
        const string bowTie = """{"type":"Polygon","coordinates":[[[113.3,34.5],[113.31,34.51],[113.31,34.5],[113.3,34.51],[113.3,34.5]]]}""";
        var json = await ProblemAsync(await PostAreaAsync(bowTie, $"[{Valid}]"), 422, "geometry.self_intersection");
        Assert.NotNull(json["problems"]![0]!["where"]!["x"]);
        await ProblemAsync(await server.Planner.PostAsync("/api/v1/assessment/areas?unitCode=X&name=Y",
            new StringContent(AssessmentForms.SquareGeoJson(113.3, 34.5, 0.01), Encoding.UTF8, "application/geo+json")), 415, "assessment.form");
        await ProblemAsync(await server.Planner.PostAsync("/api/v1/assessment/areas?name=Y",
            AssessmentForms.Area(AssessmentForms.SquareGeoJson(113.3, 34.5, 0.01), $"[{Valid}]")), 422, "assessment.unit_code");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await server.Anonymous.PostAsync("/api/v1/assessment/areas?unitCode=X&name=Y",
            AssessmentForms.Area(AssessmentForms.SquareGeoJson(113.3, 34.5, 0.01), $"[{Valid}]"))).StatusCode);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Document_NotAPdfOrImage_Is415_TooLarge_Is413_AndWritesNothing()
    {
        var draft = await server.ScalarAsync<long>("SELECT id FROM ob.assessment_area WHERE unit_code = '410100QY005'");
        var before = await CountsAsync();
        var docx = new ByteArrayContent([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
        docx.Headers.ContentType = new MediaTypeHeaderValue("application/pdf"); // the claimed type does not decide
        var json = await ProblemAsync(await server.Planner.PostAsync($"/api/v1/assessment/areas/{draft}/items/DZZH/documents?filename=report.pdf", docx),
            415, "assessment.document.type");
        Assert.Contains("report.pdf", json["problems"]![0]!["what"]!.GetValue<string>());

        var big = new byte[20 * 1024 * 1024 + 10];
        Encoding.ASCII.GetBytes("%PDF-1.7\n").CopyTo(big, 0);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(big), "file", "scan.pdf" } };
        await ProblemAsync(await server.Planner.PostAsync($"/api/v1/assessment/areas/{draft}/items/DZZH/documents", form), 413, "assessment.document.too_large");

        var empty = await server.Planner.PostAsync($"/api/v1/assessment/areas/{draft}/items/DZZH/documents?filename=a.pdf", new ByteArrayContent([]));
        await ProblemAsync(empty, 400, "assessment.document.empty");
        await ProblemAsync(await server.Planner.PostAsync($"/api/v1/assessment/areas/{draft}/items/WWKG/documents?filename=a.pdf",
            new ByteArrayContent(AssessmentForms.Pdf())), 404, "assessment.item_unknown");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Coverage_BadRedLineDateOrAnonymousProject_IsRefused()
    {
        var before = await CountsAsync();
        const string bowTie = """{"type":"Polygon","coordinates":[[[113.78,34.71],[113.79,34.72],[113.79,34.71],[113.78,34.72],[113.78,34.71]]]}""";
        await ProblemAsync(await server.Anonymous.PostAsync("/api/v1/assessment/coverage", CheckRequests.Content(Encoding.UTF8.GetBytes(bowTie))), 422, "geometry.self_intersection");
        var square = Encoding.UTF8.GetBytes(AssessmentForms.SquareGeoJson(113.78, 34.71, 0.005));
        await ProblemAsync(await server.Anonymous.PostAsync("/api/v1/assessment/coverage?date=24.11.2026", CheckRequests.Content(square)), 400, "query.date");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized,
            (await server.Anonymous.PostAsync("/api/v1/assessment/coverage?projectCode=2026-410100-48-01-000104", CheckRequests.Content(square))).StatusCode);
        await ProblemAsync(await server.Reviewer.PostAsync("/api/v1/assessment/coverage?projectCode=NO-SUCH-PROJECT&date=2026-11-24", CheckRequests.Content(
            Encoding.UTF8.GetBytes(await InsideQy003Async()))), 404, "project.unknown");
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<string> InsideQy003Async() => await server.ScalarAsync<string>(
        "SELECT ST_AsGeoJSON(ST_Transform(ST_Buffer(ST_PointOnSurface(geom), 30), 4490), 9) FROM ob.assessment_area WHERE unit_code = '410100QY003' AND status = 'published'");
}
