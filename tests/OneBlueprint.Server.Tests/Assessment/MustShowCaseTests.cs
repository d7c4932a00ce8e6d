using System.Globalization;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Server.Tests.Compliance;
using OneBlueprint.Server.Tests.Support;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Server.Tests.Assessment;

/// <summary>
/// The must-show case on the demo city: a red line partly inside 410100QY001 (地质灾害 valid until 2029-02-28,
/// 环评 expired after 2025-06-30) and away from every other area. 地质灾害 must be partly covered with PostGIS's exact
/// share and uncovered part; 环评 not eligible because it expired, with the date said — over HTTP and from the CLI.
/// </summary>
[Collection(AssessmentDemoServerCollection.Name)]
public sealed class MustShowCaseTests(AssessmentDemoServer server)
{
    private const string Date = "2026-11-24";

    /// <summary>A 500 m square on a vertex of QY001's outline that lies at least 2 km from every other published area.</summary>
    private async Task<Polygon> RedLineAsync()
    {
        var (_, qy001) = await server.PublishedAsync("410100QY001");
        var others = new List<Geometry>();
        foreach (var unit in new[] { "410100QY002", "410100QY003", "410100QY004" }) others.Add((await server.PublishedAsync(unit)).Geometry);
        var factory = GeometryKit.Factory(4547);
        foreach (var c in qy001.Coordinates)
        {
            var point = factory.CreatePoint(c);
            if (others.Any(o => o.Distance(point) < 2_000)) continue;
            var x = Math.Round(c.X, 3);
            var y = Math.Round(c.Y, 3);
            var square = factory.CreatePolygon([new(x - 250, y - 250), new(x + 250, y - 250), new(x + 250, y + 250), new(x - 250, y + 250), new(x - 250, y - 250)]);
            var inside = square.Intersection(qy001).Area / square.Area;
            if (inside is > 0.2 and < 0.8) return square;
        }
        throw new InvalidOperationException("no vertex of QY001 fits the case");
    }

    private async Task<(double Share, double Uncovered)> PostGisAsync(Polygon redLine) =>
        (await server.ScalarAsync<double>("SELECT ST_Area(ST_Intersection(ST_GeomFromEWKB($1), geom)) / ST_Area(ST_GeomFromEWKB($1)) FROM ob.assessment_area WHERE unit_code = '410100QY001' AND status = 'published'",
            GeometryCodec.Parameter(redLine, 4547)),
         await server.ScalarAsync<double>("SELECT ST_Area(ST_Difference(ST_GeomFromEWKB($1), geom)) FROM ob.assessment_area WHERE unit_code = '410100QY001' AND status = 'published'",
            GeometryCodec.Parameter(redLine, 4547)));

    [Fact]
    public async Task Coverage_ValidGeologyPartlyCovered_ExpiredEiaNotEligible()
    {
        var redLine = await RedLineAsync();
        var (share, uncovered) = await PostGisAsync(redLine);
        var response = await server.Anonymous.PostAsync($"/api/v1/assessment/coverage?crs=EPSG:4547&date={Date}", CheckRequests.Content(CheckRequests.GeoJson([redLine])));
        var (status, json) = await AssessmentDemoServer.ReadAsync(response);
        Assert.True(status == 200, json?.ToJsonString());
        var items = json!["items"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => i["code"]!.GetValue<string>());

        var geology = items["DZZH"];
        Assert.Equal("partly-covered", geology["status"]!.GetValue<string>());
        Assert.Equal("needs-own-assessment", geology["decision"]!.GetValue<string>());
        Assert.Equal(share, geology["coveredShare"]!.GetValue<double>(), share * 1e-9);
        Assert.Equal(uncovered, geology["uncoveredAreaM2"]!.GetValue<double>(), uncovered * 1e-9);
        var source = Assert.Single(geology["sources"]!.AsArray());
        Assert.Equal("410100QY001", source!["unitCode"]!.GetValue<string>());
        Assert.Equal("valid", source["state"]!.GetValue<string>());
        Assert.NotEmpty(source["documents"]!.AsArray());
        // the uncovered part as sent (GeoJSON, EPSG:4490) is the red line minus the area, as PostGIS computes it
        // (its lon/lat coordinates have 9 decimals, ~0.1 mm: the two may differ by a hair along the outline, not more)
        var part = geology["uncoveredPart"]!.ToJsonString();
        const string Ours = "ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490), 4547)";
        const string Theirs = "(SELECT ST_Difference(ST_GeomFromEWKB($2), a.geom) FROM ob.assessment_area a WHERE unit_code = '410100QY001' AND status = 'published')";
        var partArea = await server.ScalarAsync<double>($"SELECT ST_Area({Ours})", part);
        Assert.Equal(uncovered, partArea, uncovered * 1e-6);
        var symmetric = await server.ScalarAsync<double>($"SELECT ST_Area(ST_SymDifference({Ours}, {Theirs}))", part, GeometryCodec.Parameter(redLine, 4547));
        var outline = await server.ScalarAsync<double>(
            "SELECT ST_Perimeter(ST_Difference(ST_GeomFromEWKB($1), a.geom)) FROM ob.assessment_area a WHERE unit_code = '410100QY001' AND status = 'published'",
            GeometryCodec.Parameter(redLine, 4547));
        Assert.True(symmetric < 1e-4 * outline, $"the uncovered part differs from PostGIS's ST_Difference by {symmetric} m² (outline {outline} m)");

        var eia = items["HJYX"];
        Assert.Equal("not-covered", eia["status"]!.GetValue<string>());
        Assert.Equal("needs-own-assessment", eia["decision"]!.GetValue<string>());
        Assert.Equal(0, eia["coveredShare"]!.GetValue<double>());
        Assert.Equal("expired", Assert.Single(eia["sources"]!.AsArray())!["state"]!.GetValue<string>());
        Assert.Contains("expired after 2025-06-30 (checked on 2026-11-24)", eia["reason"]!["en"]!.GetValue<string>());
        Assert.Contains("2025-06-30 到期", eia["reason"]!["zh"]!.GetValue<string>());

        var need = json["summary"]!["needOwnAssessment"]!.AsArray().Select(n => n!["item"]!.GetValue<string>()).ToList();
        Assert.Contains("DZZH", need);
        Assert.Contains("HJYX", need);
        Assert.Empty(json["summary"]!["mayReuse"]!.AsArray());
    }

    [Fact]
    public async Task CoverageCommand_GivesTheSameAnswerAsTheApi()
    {
        var redLine = await RedLineAsync();
        var (share, _) = await PostGisAsync(redLine);
        var file = Path.Combine(Path.GetTempPath(), $"ob-assessment-{Guid.NewGuid():N}.geojson");
        await File.WriteAllBytesAsync(file, CheckRequests.GeoJson([redLine]));
        try
        {
            var result = await CliRunner.RunWithDatabaseAsync(server.Database.ConnectionString, null,
                "assessment", "coverage", file, "--date", Date, "--json", "--no-parts");
            Assert.True(result.ExitCode == 0, result.Error);
            var json = JsonNode.Parse(result.Out)!;
            var items = json["items"]!.AsArray().ToDictionary(i => i!["code"]!.GetValue<string>());
            Assert.Equal(share, items["DZZH"]!["coveredShare"]!.GetValue<double>(), share * 1e-9);
            Assert.Equal("partly-covered", items["DZZH"]!["status"]!.GetValue<string>());
            Assert.Contains("expired after 2025-06-30", items["HJYX"]!["reason"]!["en"]!.GetValue<string>());
            Assert.Null(items["DZZH"]!["uncoveredPart"]);

            var table = await CliRunner.RunWithDatabaseAsync(server.Database.ConnectionString, null, "assessment", "coverage", file, "--date", Date);
            Assert.True(table.ExitCode == 0, table.Error);
            Assert.Contains("partly-covered", table.Out);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task Coverage_RedLineWhollyInsideTheNewerOverlap_MayReuseAndSaysWhichResultWasUsed()
    {
        // a small square inside both QY001 and QY002: 地质灾害 is held by both (QY002's is newer), 环评 only validly by QY002
        var (_, a) = await server.PublishedAsync("410100QY001");
        var (_, b) = await server.PublishedAsync("410100QY002");
        var both = a.Intersection(b);
        var centre = both.Buffer(-60).InteriorPoint.Coordinate;
        var factory = GeometryKit.Factory(4547);
        var (x, y) = (Math.Round(centre.X, 3), Math.Round(centre.Y, 3));
        var redLine = factory.CreatePolygon([new(x - 50, y - 50), new(x + 50, y - 50), new(x + 50, y + 50), new(x - 50, y + 50), new(x - 50, y - 50)]);
        Assert.True(both.Contains(redLine));

        var response = await server.Anonymous.PostAsync($"/api/v1/assessment/coverage?crs=EPSG:4547&includeParts=false&date={Date}",
            CheckRequests.Content(CheckRequests.GeoJson([redLine])));
        var (status, json) = await AssessmentDemoServer.ReadAsync(response);
        Assert.Equal(200, status);
        var items = json!["items"]!.AsArray().ToDictionary(i => i!["code"]!.GetValue<string>());
        var geology = items["DZZH"]!;
        Assert.Equal("fully-covered", geology["status"]!.GetValue<string>());
        Assert.Equal("may-reuse", geology["decision"]!.GetValue<string>());
        Assert.Equal("告知承诺", geology["modeZh"]!.GetValue<string>());
        var sources = geology["sources"]!.AsArray();
        Assert.Equal(["410100QY002", "410100QY001"], sources.Select(s => s!["unitCode"]!.GetValue<string>()));
        Assert.True(sources[0]!["used"]!.GetValue<bool>());
        Assert.False(sources[1]!["used"]!.GetValue<bool>());
        Assert.Contains("most recent one", Assert.Single(geology["notes"]!.AsArray())!["en"]!.GetValue<string>());
        Assert.Equal("fully-covered", items["HJYX"]!["status"]!.GetValue<string>()); // QY002's valid one; QY001's expired one reported
        Assert.Contains("expired after 2025-06-30, so the valid one", Assert.Single(items["HJYX"]!["notes"]!.AsArray())!["en"]!.GetValue<string>());
        var reuse = json["summary"]!["mayReuse"]!.AsArray().Select(m => m!["item"]!.GetValue<string>()).ToList();
        Assert.Equal(["YFKC", "HJYX", "JNPJ", "DZZH", "DZAQ"], reuse);
    }
}
