using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OneBlueprint.DemoCity;
using OneBlueprint.Formats.RedLineTxt;
using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Compliance;

/// <summary>`ob check FILE` runs the same check in-process and answers like the API.</summary>
[Collection(DemoCityServerCollection.Name)]
public sealed class CheckCommandTests(DemoCityServer server) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ob-check-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string WriteTxt(DemoProject project)
    {
        var path = Path.Combine(_dir.FullName, project.FileName);
        new RedLineTxtFormat().Write(project.RedLine, path);
        return path;
    }

    [Fact]
    public async Task CheckJson_HasTheApisShape_AndTheApisAreas()
    {
        var project = server.City.Projects.First(p => p.Scenario == ProjectScenario.OverlapsFarmland);
        var path = WriteTxt(project);
        var cli = await CliRunner.RunWithDatabaseAsync(server.Database.ConnectionString, null, "check", path, "--category", "工业", "--json");
        Assert.True(cli.ExitCode == 0, cli.Error);
        var ours = JsonNode.Parse(cli.Out)!.AsObject();
        Assert.Null(ours["id"]); // not stored without --save
        Assert.Equal("conflict", CheckRequests.Layer(ours, "YJJBNTBHTB")["verdict"]!.GetValue<string>());

        var (status, api) = await CheckRequests.PostAsync(server.Reviewer, "?category=工业",
            CheckRequests.Content(await File.ReadAllBytesAsync(path), "text/plain"));
        Assert.True(status == 201, api.ToJsonString());
        Assert.Equal(api["layers"]!.AsArray().Select(l => l!["code"]!.GetValue<string>()), ours["layers"]!.AsArray().Select(l => l!["code"]!.GetValue<string>()));
        foreach (var layer in api["layers"]!.AsArray().OfType<JsonObject>())
        {
            var mine = CheckRequests.Layer(ours, layer["code"]!.GetValue<string>());
            Assert.Equal(layer["verdict"]!.GetValue<string>(), mine["verdict"]!.GetValue<string>());
            Assert.Equal(layer["overlapAreaM2"]!.GetValue<double>(), mine["overlapAreaM2"]!.GetValue<double>(), 6);
            Assert.Equal(layer["layerVersionId"]!.GetValue<long>(), mine["layerVersionId"]!.GetValue<long>());
            Assert.Equal(layer.Select(p => p.Key), mine.Select(p => p.Key)); // same members, same order
        }
    }

    [Fact]
    public async Task CheckSave_StoresTheCheck_UnderTheProject()
    {
        var project = server.City.Projects.First(p => p.Scenario == ProjectScenario.Clean);
        var cli = await CliRunner.RunWithDatabaseAsync(server.Database.ConnectionString, null,
            "check", WriteTxt(project), "--project", project.Code, "--save", "--who", "cli-test");
        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Contains("pass", cli.Out);
        var id = long.Parse(Regex.Match(cli.Out, @"stored as check (\d+)").Groups[1].Value);
        var stored = await server.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/compliance/checks/{id}");
        Assert.Equal("cli-test", stored!["createdBy"]!.GetValue<string>());
        Assert.Equal(project.Code, stored["projectCode"]!.GetValue<string>());
        Assert.Equal(project.Category, stored["category"]!.GetValue<string>());
        var listed = await server.Anonymous.GetFromJsonAsync<JsonArray>($"/api/v1/projects/{project.Code}/checks");
        Assert.Contains(listed!, c => c!["id"]!.GetValue<long>() == id);
    }

    [Fact]
    public async Task CheckOfABadFile_ExitsWith2_AndSaysWhere()
    {
        var path = Path.Combine(_dir.FullName, "bowtie.geojson");
        await File.WriteAllTextAsync(path, """{"type":"Polygon","coordinates":[[[113.60,34.70],[113.61,34.71],[113.61,34.70],[113.60,34.71],[113.60,34.70]]]}""");
        var cli = await CliRunner.RunWithDatabaseAsync(server.Database.ConnectionString, null, "check", path);
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("geometry.self_intersection", cli.Error);
        Assert.Matches(@"at \(113\.60(5|49)\d*, 34\.70(5|49)\d*\)", cli.Error); // the crossing, in the file's coordinates
    }
}
