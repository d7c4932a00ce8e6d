using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity;
using OneBlueprint.Formats.RedLineTxt;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Compliance;

/// <summary>
/// Bad red lines get a 4xx ProblemDetails that says what is wrong, where and how to fix it — never a 500 — and
/// recoverable issues come back as warnings inside a stored result.
/// </summary>
[Collection(DemoCityServerCollection.Name)]
public sealed class BadRedLineTests(DemoCityServer server)
{
    // A square of about 16 ha in Zhengzhou's farmland belt, lon/lat.
    private const string Square = "[[113.60,34.70],[113.6045,34.70],[113.6045,34.7036],[113.60,34.7036],[113.60,34.70]]";

    private static void AssertProblem(int status, JsonObject json, int expectedStatus, string expectedCode)
    {
        Assert.True(status == expectedStatus, $"expected {expectedStatus}, got {status}: {json.ToJsonString()}");
        Assert.Equal(expectedStatus, json["status"]!.GetValue<int>());
        var codes = json["problems"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).ToList();
        Assert.Contains(expectedCode, codes);
        Assert.False(string.IsNullOrWhiteSpace(json["problems"]![0]!["howToFix"]!.GetValue<string>()));
    }

    private Task<(int, JsonObject)> Post(string geoJson, string query = "") =>
        CheckRequests.PostAsync(server.Reviewer, query, CheckRequests.Content(Encoding.UTF8.GetBytes(geoJson)));

    /// <summary>A demo project's red line as a TXT, declared as the demo city writes it (CGCS2000, 带号=38, no zone prefix).</summary>
    private string ProjectTxt(ProjectScenario scenario)
    {
        using var stream = new MemoryStream();
        new RedLineTxtFormat().Write(server.City.Projects.First(p => p.Scenario == scenario).RedLine, stream);
        return Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF');
    }

    [Fact]
    public async Task SelfIntersectingRing_Is422_WithTheCoordinate()
    {
        var (status, json) = await Post("""{"type":"Polygon","coordinates":[[[113.60,34.70],[113.61,34.71],[113.61,34.70],[113.60,34.71],[113.60,34.70]]]}""");
        AssertProblem(status, json, 422, "geometry.self_intersection");
        var where = json["problems"]![0]!["where"]!;
        // The crossing of the bow-tie's diagonals, in the coordinates the user sent.
        Assert.Equal(113.605, where["x"]!.GetValue<double>(), 6);
        Assert.Equal(34.705, where["y"]!.GetValue<double>(), 6);
    }

    [Fact]
    public async Task UnclosedRing_Is400_FromTheGeoJsonReader()
    {
        var (status, json) = await Post("""{"type":"Polygon","coordinates":[[[113.60,34.70],[113.61,34.70],[113.61,34.71],[113.60,34.71]]]}""");
        AssertProblem(status, json, 400, "geojson.ring-not-closed");
        Assert.NotNull(json["problems"]![0]!["where"]!["line"]);
    }

    [Fact]
    public async Task EmptyFeatureCollection_Is400()
    {
        var (status, json) = await Post("""{"type":"FeatureCollection","features":[]}""");
        AssertProblem(status, json, 400, "redline.empty");
    }

    [Fact]
    public async Task TooManyVertices_Is413()
    {
        var factory = GeometryKit.Factory(DemoCity.DemoCity.Srid);
        var project = server.City.Projects.First(p => p.Scenario == ProjectScenario.Clean).RedLine.Features[0].Geometry.Centroid.Coordinate;
        const int n = 100_500;
        var ring = Enumerable.Range(0, n).Select(i => new Coordinate(project.X + 200 * Math.Cos(2 * Math.PI * i / n), project.Y + 200 * Math.Sin(2 * Math.PI * i / n)))
            .Append(new Coordinate(project.X + 200, project.Y)).ToArray();
        var body = CheckRequests.GeoJson([factory.CreatePolygon(ring)]);
        Assert.True(body.Length < 10 * 1024 * 1024); // it is the vertex limit that is hit, not the size limit
        var (status, json) = await CheckRequests.PostAsync(server.Reviewer, "?crs=EPSG:4547", CheckRequests.Content(body));
        AssertProblem(status, json, 413, "redline.too_many_vertices");
    }

    [Fact]
    public async Task BodyOverTenMegabytes_Is413()
    {
        var padded = "{\"type\":\"Polygon\",\"coordinates\":[" + Square + "]" + new string(' ', 11 * 1024 * 1024) + "}";
        var (status, json) = await Post(padded);
        AssertProblem(status, json, 413, "redline.too_large");
    }

    [Fact]
    public async Task TxtDeclaringTheWrongZone_Is422_NamingTheSystemItFits()
    {
        // The coordinates are zone 38 (CM 114°E) without prefix; the header claims zone 37.
        var txt = ProjectTxt(ProjectScenario.Clean);
        Assert.Contains("带号=38", txt);
        var (status, json) = await CheckRequests.PostAsync(server.Reviewer, "", CheckRequests.Text(txt.Replace("带号=38", "带号=37")));
        AssertProblem(status, json, 422, "redline.outside_blueprint");
        Assert.Contains("EPSG:4547", json["detail"]!.GetValue<string>());
        Assert.Contains("带号=38", json["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task TxtWhoseZonePrefixContradictsItsZone_Is422()
    {
        // Prefixed eastings (38xxxxxx) with 带号=37: the reader's zone conflict, a CRS statement that does not fit.
        var txt = ProjectTxt(ProjectScenario.Clean);
        var lines = txt.Split('\n').Select(line =>
        {
            var fields = line.TrimEnd('\r').Split(',');
            if (fields.Length != 4 || !double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var east)) return line;
            return string.Join(',', fields[0], fields[1], fields[2], (east + 38_000_000).ToString("0.000", CultureInfo.InvariantCulture)) + "\r";
        });
        var (status, json) = await CheckRequests.PostAsync(server.Reviewer, "", CheckRequests.Text(string.Join('\n', lines).Replace("带号=38", "带号=37")));
        AssertProblem(status, json, 422, RedLineTxtCodes.ZoneConflict);
    }

    [Fact]
    public async Task LonLatDeclaredAsGaussKruger_Is422_SayingTheyLookLikeDegrees()
    {
        var (status, json) = await Post("{\"type\":\"Polygon\",\"coordinates\":[" + Square + "]}", "?crs=EPSG:4547");
        AssertProblem(status, json, 422, "crs.mismatch");
        Assert.Contains("EPSG:4490", json["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task RealTxtFromAnotherProvince_Is422_OutsideTheBlueprint()
    {
        var sample = await File.ReadAllBytesAsync(SharedData.Path("redline-txt", "sampleA_hangzhou_pengbu_zone40_from_java_TxtUtils.txt"));
        var (status, json) = await CheckRequests.PostAsync(server.Reviewer, "", CheckRequests.Content(sample, "text/plain"));
        AssertProblem(status, json, 422, "redline.outside_blueprint");
    }

    [Fact]
    public async Task TxtWithAWrongDeclaredArea_IsChecked_WithAWarning()
    {
        var txt = ProjectTxt(ProjectScenario.OverlapsFarmland);
        // Every parcel header "n,<ha>,..." gets a declared area 0.5 ha off.
        var lines = txt.Split('\n').Select(line =>
        {
            var fields = line.Split(',');
            if (!line.TrimEnd().EndsWith('@') || fields.Length < 3) return line;
            fields[1] = (double.Parse(fields[1], CultureInfo.InvariantCulture) + 0.5).ToString("0.0000", CultureInfo.InvariantCulture);
            return string.Join(',', fields);
        });
        var (status, json) = await CheckRequests.PostAsync(server.Reviewer, "?includeParts=false", CheckRequests.Text(string.Join('\n', lines)));
        Assert.True(status == 201, json.ToJsonString());
        var warning = json["warnings"]!.AsArray().First(w => w!["code"]!.GetValue<string>() == RedLineTxtCodes.DeclaredArea)!;
        Assert.NotNull(warning["where"]!["line"]);
        Assert.Equal("warning", warning["severity"]!.GetValue<string>());
    }

    [Fact]
    public async Task LineInsteadOfPolygon_Is422()
    {
        var (status, json) = await Post("""{"type":"LineString","coordinates":[[113.60,34.70],[113.61,34.71]]}""");
        AssertProblem(status, json, 422, "redline.not_areal");
    }

    [Fact]
    public async Task OverlappingParcels_AreMerged_WithAWarning()
    {
        var (status, json) = await Post($$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[{{{Square}}}]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[113.602,34.70],[113.607,34.70],[113.607,34.7036],[113.602,34.7036],[113.602,34.70]]]}}]}
            """, "?includeParts=false");
        Assert.True(status == 201, json.ToJsonString());
        Assert.Contains(json["warnings"]!.AsArray(), w => w!["code"]!.GetValue<string>() == "redline.parcels_overlap");
        Assert.Equal(2, json["redLine"]!["parcels"]!.GetValue<int>());
        Assert.Equal(1, json["redLine"]!["polygons"]!.GetValue<int>());
        // The union's area, counted once: the 0.007° × 0.0036° rectangle both parcels span (≈ 640 m × 400 m); its edges
        // bend by millimetres in Gauss-Krüger, hence the 1 m² slack.
        var union = GeometryKit.Factory(CrsCatalog.Cgcs2000).ToGeometry(new Envelope(113.60, 113.607, 34.70, 34.7036));
        var expected = Reprojector.Transform(union, CrsCatalog.Cgcs2000, 4547).Area;
        Assert.InRange(json["redLine"]!["areaM2"]!.GetValue<double>(), expected - 1, expected + 1);
    }

    [Fact]
    public async Task UnknownContentType_Is415()
    {
        var (status, json) = await CheckRequests.PostAsync(server.Reviewer, "", CheckRequests.Content([1, 2, 3], "application/octet-stream"));
        AssertProblem(status, json, 415, "redline.content_type");
    }

    [Fact]
    public async Task Anonymous_MayCheck_ButNotFileUnderAProject()
    {
        var (status, json) = await CheckRequests.PostAsync(server.Anonymous, "?includeParts=false",
            CheckRequests.Content(Encoding.UTF8.GetBytes("{\"type\":\"Polygon\",\"coordinates\":[" + Square + "]}")));
        Assert.True(status == 201, json.ToJsonString());
        Assert.Equal("anonymous", json["createdBy"]!.GetValue<string>());

        var project = server.City.Projects[0].Code;
        var (filed, problem) = await CheckRequests.PostAsync(server.Anonymous, $"?projectCode={project}",
            CheckRequests.Content(Encoding.UTF8.GetBytes("{\"type\":\"Polygon\",\"coordinates\":[" + Square + "]}")));
        Assert.Equal(401, filed);
        Assert.Equal(401, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnknownProject_Is404()
    {
        var (status, json) = await Post("{\"type\":\"Polygon\",\"coordinates\":[" + Square + "]}", "?projectCode=NO-SUCH-PROJECT");
        AssertProblem(status, json, 404, "project.unknown");
    }
}
