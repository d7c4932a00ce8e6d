using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Endpoints;

public sealed class ProjectEndpointsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Project_RedLineFromRealTxt_RoundTripsAsGeoJson()
    {
        var create = await server.Planner.PostAsJsonAsync("/api/v1/projects", new { code = "T-0001", name = "彭埠单元B/R-14地块", category = "居住" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);

        var txt = await File.ReadAllBytesAsync(SharedData.Path("redline-txt", "sampleA_hangzhou_pengbu_zone40_from_java_TxtUtils.txt"));
        var upload = await server.Planner.PostAsync("/api/v1/projects/T-0001/redlines?filename=sampleA.txt",
            new ByteArrayContent(txt) { Headers = { ContentType = new("text/plain") } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        // Hangzhou is zone 40 (CM 120°E): stored in the working CRS (zone 38), served back in zone 40 its
        // area is the same to the file's declared 5.7089 ha.
        var red = await server.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/projects/T-0001/redline?crs=EPSG:4528");
        var ring = red!["features"]![0]!["geometry"]!["coordinates"]![0]!.AsArray()
            .Select(p => (X: p![0]!.GetValue<double>(), Y: p[1]!.GetValue<double>())).ToList();
        var area = 0.0;
        for (var i = 0; i + 1 < ring.Count; i++) area += ring[i].X * ring[i + 1].Y - ring[i + 1].X * ring[i].Y;
        Assert.Equal(5.7089, Math.Abs(area) / 2 / 10_000, 3);

        var list = await server.Anonymous.GetFromJsonAsync<JsonArray>("/api/v1/projects");
        Assert.Contains(list!, p => p!["code"]!.GetValue<string>() == "T-0001");
    }

    [Fact]
    public async Task Project_WritesNeedAPlannerKey_AndUnknownProjectsAre404()
    {
        var anonymous = await server.Anonymous.PostAsJsonAsync("/api/v1/projects", new { code = "T-0002", name = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var reviewer = await server.Reviewer.PostAsJsonAsync("/api/v1/projects", new { code = "T-0002", name = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anonymous.GetAsync("/api/v1/projects/NOPE")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anonymous.GetAsync("/api/v1/projects/NOPE/redline")).StatusCode);
    }

    [Fact]
    public async Task Project_RedLineWithSelfIntersection_Is422WithTheLine()
    {
        await server.Planner.PostAsJsonAsync("/api/v1/projects", new { code = "T-0003", name = "自相交红线", category = "工业" });
        var txt = """
            [属性描述]
            坐标系=2000国家大地坐标系
            几度分带=3
            带号=38
            [地块坐标]
            5,1.0,1,蝴蝶,面,,工业用地,,@
            J1,1,3847000.000,38469000.000
            J2,1,3847100.000,38469100.000
            J3,1,3847000.000,38469100.000
            J4,1,3847100.000,38469000.000
            J1,1,3847000.000,38469000.000
            """;
        var response = await server.Planner.PostAsync("/api/v1/projects/T-0003/redlines?filename=bowtie.txt", new StringContent(txt, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var where = problem!["problems"]!.AsArray().First(p => p!["severity"]!.GetValue<string>() == "error")!["where"]!;
        Assert.Equal("bowtie.txt", where["file"]!.GetValue<string>());
        Assert.NotNull(where["x"]);
    }
}
