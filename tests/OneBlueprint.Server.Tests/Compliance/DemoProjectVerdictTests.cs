using System.Text.Json.Nodes;
using OneBlueprint.DemoCity;
using OneBlueprint.Formats.RedLineTxt;

namespace OneBlueprint.Server.Tests.Compliance;

/// <summary>
/// The demo projects were placed by the generator to meet the control lines in known ways (checked there with its own
/// geometry code); the API must give each the verdict the rules prescribe.
/// </summary>
[Collection(DemoCityServerCollection.Name)]
public sealed class DemoProjectVerdictTests(DemoCityServer server)
{
    private DemoProject Project(ProjectScenario scenario) => server.City.Projects.First(p => p.Scenario == scenario);

    private async Task<JsonObject> CheckAsync(DemoProject project, string query, HttpClient? client = null)
    {
        var (status, json) = await CheckRequests.PostAsync(client ?? server.Planner, "?crs=EPSG:4547&" + query,
            CheckRequests.Content(CheckRequests.GeoJson(project.RedLine.Features.Select(f => f.Geometry))));
        Assert.True(status == 201, json.ToJsonString());
        return json;
    }

    [Fact]
    public async Task EcologicalRedlineProject_ConflictsOnStbhhx()
    {
        var project = Project(ProjectScenario.OverlapsEcologicalRedline);
        var json = await CheckAsync(project, $"projectCode={project.Code}");
        var layer = CheckRequests.Layer(json, "STBHHX");
        Assert.Equal("conflict", layer["verdict"]!.GetValue<string>());
        Assert.Equal("STBHHX-CONFLICT-OCCUPY", layer["ruleId"]!.GetValue<string>());
        Assert.Contains("生态保护红线", layer["ruleText"]!["zh"]!.GetValue<string>());
        // The generator placed it 20–80 % inside.
        Assert.InRange(layer["overlapRatio"]!.GetValue<double>(), 0.2, 0.8);
        Assert.NotEmpty(layer["features"]!.AsArray());
        Assert.NotNull(layer["parts"]);
        Assert.Equal("conflict", json["verdict"]!.GetValue<string>());
        Assert.Equal(project.Category, json["category"]!.GetValue<string>()); // taken from the project
    }

    [Fact]
    public async Task FarmlandProject_IsAWarningForItsMajorClass_AndAConflictOtherwise()
    {
        var project = Project(ProjectScenario.OverlapsFarmland);
        Assert.True(project.MajorProjectClass);
        var major = CheckRequests.Layer(await CheckAsync(project, $"projectCode={project.Code}"), "YJJBNTBHTB");
        Assert.Equal("warning", major["verdict"]!.GetValue<string>());
        Assert.Equal("YJJBNTBHTB-WARN-MAJOR-PROJECT", major["ruleId"]!.GetValue<string>());

        var industrial = CheckRequests.Layer(await CheckAsync(project, "category=工业"), "YJJBNTBHTB");
        Assert.Equal("conflict", industrial["verdict"]!.GetValue<string>());
        Assert.Equal(major["overlapAreaM2"]!.GetValue<double>(), industrial["overlapAreaM2"]!.GetValue<double>());

        // Net area honours each patch's KCXS (扣除系数): Σ overlap × (1 − KCXS) over the listed features.
        var features = major["features"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.NotEmpty(features);
        var expectedNet = features.Sum(f => f["overlapAreaM2"]!.GetValue<double>() * (1 - (f["attributes"]!["KCXS"]?.GetValue<double>() ?? 0)));
        Assert.Equal(expectedNet, major["netAreaM2"]!.GetValue<double>(), 6);
        Assert.Equal(major["overlapAreaM2"]!.GetValue<double>(), features.Sum(f => f["overlapAreaM2"]!.GetValue<double>()), 6);
        Assert.True(major["netAreaM2"]!.GetValue<double>() < major["overlapAreaM2"]!.GetValue<double>());
    }

    [Fact]
    public async Task CleanProjects_Pass()
    {
        foreach (var project in server.City.Projects.Where(p => p.Scenario == ProjectScenario.Clean))
        {
            var json = await CheckAsync(project, $"projectCode={project.Code}");
            Assert.True(json["verdict"]!.GetValue<string>() == "pass", $"{project.Code}: {json.ToJsonString()}");
            var urban = CheckRequests.Layer(json, "CZKFBJ");
            Assert.Equal(0, urban["outsideAreaM2"]!.GetValue<double>(), 3);
            // Wholly inside; an outside sliver of float noise (red line area − overlap) may read as edge contact: both pass.
            Assert.Contains(urban["ruleId"]!.GetValue<string>(), new[] { "GEN-PASS-INSIDE", "GEN-PASS-EDGE-CONTACT" });
        }
    }

    [Fact]
    public async Task StraddlingProject_HasAnOutsideAreaOnTheUrbanBoundary()
    {
        var project = Project(ProjectScenario.StraddlesUrbanBoundary);
        var json = await CheckAsync(project, $"projectCode={project.Code}");
        var urban = CheckRequests.Layer(json, "CZKFBJ");
        var outside = urban["outsideAreaM2"]!.GetValue<double>();
        var redLine = json["redLine"]!["areaM2"]!.GetValue<double>();
        Assert.InRange(outside, 0.25 * redLine, 0.75 * redLine); // placed 25–75 % inside
        Assert.Equal(redLine, outside + urban["overlapAreaM2"]!.GetValue<double>(), 3);
        Assert.Equal("outside", urban["measure"]!.GetValue<string>());
        Assert.Equal("conflict", urban["verdict"]!.GetValue<string>()); // 仓储物流 is urban construction
        Assert.NotNull(urban["outsidePart"]);
    }

    [Fact]
    public async Task BlueLineProject_OfAWaterCategory_NeedsTheWaterAuthority()
    {
        var project = Project(ProjectScenario.OverlapsBlueLine);
        var layer = CheckRequests.Layer(await CheckAsync(project, $"projectCode={project.Code}"), "LX");
        Assert.Equal("warning", layer["verdict"]!.GetValue<string>());
        Assert.Equal("LX-WARN-WATER-PROJECT", layer["ruleId"]!.GetValue<string>());
    }

    [Fact]
    public async Task TxtAndGeoJson_OfTheSameRedLine_GiveTheSameAreas()
    {
        var project = Project(ProjectScenario.OverlapsFarmland);
        using var txt = new MemoryStream();
        new RedLineTxtFormat().Write(project.RedLine, txt);
        var (status, fromTxt) = await CheckRequests.PostAsync(server.Reviewer, "?includeParts=false",
            CheckRequests.Content(txt.ToArray(), "text/plain"));
        Assert.True(status == 201, fromTxt.ToJsonString());
        Assert.Equal("txt", fromTxt["input"]!["format"]!.GetValue<string>());
        Assert.Equal(4547, fromTxt["input"]!["srid"]!.GetValue<int>());
        Assert.Equal(project.Category, fromTxt["category"]!.GetValue<string>()); // declared in the TXT's [项目信息] 项目类别
        var fromGeoJson = await CheckAsync(project, "includeParts=false", server.Reviewer);
        foreach (var code in new[] { "STBHHX", "YJJBNTBHTB", "CZKFBJ", "LX", "LVX", "ZX", "HX" })
            Assert.Equal(CheckRequests.Layer(fromGeoJson, code)["overlapAreaM2"]!.GetValue<double>(),
                CheckRequests.Layer(fromTxt, code)["overlapAreaM2"]!.GetValue<double>(), 2); // TXT coordinates are millimetres
        Assert.False(CheckRequests.Layer(fromTxt, "YJJBNTBHTB").ContainsKey("parts")); // includeParts=false
    }
}
