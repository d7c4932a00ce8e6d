using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Server.Tests.Compliance;

namespace OneBlueprint.Server.Tests.Assessment;

/// <summary>
/// GET /api/v1/assessment/statistics for the demo city against sums PostGIS computes from the same tables in this test's
/// own SQL (ST_Union / ST_Intersection / ST_Area; the validity rule written out again here), not through our code.
/// </summary>
[Collection(AssessmentDemoServerCollection.Name)]
public sealed class StatisticsTests(AssessmentDemoServer server)
{
    private const string Published = "SELECT a.geom FROM ob.assessment_area a WHERE a.status = 'published'";

    private const string ValidFor = """
        SELECT a.geom FROM ob.assessment_area a JOIN ob.assessment_item i ON i.area_id = a.id
        WHERE a.status = 'published' AND i.item_code = $2 AND i.valid_from <= $1 AND (i.valid_to IS NULL OR i.valid_to >= $1)
        """;

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Math.Max(1e-9, 1e-6 * Math.Abs(expected)), $"{what}: PostGIS {expected:R}, ours {actual:R}");

    private async Task<double> Km2Async(string sql, params object[] args) => await server.ScalarAsync<double>(sql, args) / 1e6;

    [Fact]
    public async Task Statistics_MatchPostGisSumsOverTheSameTables()
    {
        var day = AssessmentDemoServer.Day;
        NpgsqlParameter DateParam() => new() { Value = day, NpgsqlDbType = NpgsqlDbType.Date };
        // one reuse record, so the monthly count has something to count
        await server.Planner.PostAsJsonAsync("/api/v1/projects", new { code = "2026-410100-STAT-01", name = "统计测试项目", category = "工业" });
        var (_, qy003) = await server.PublishedAsync("410100QY003");
        var inner = qy003.Buffer(-300).InteriorPoint.Coordinate;
        var square = qy003.Factory.CreatePolygon([new(Math.Round(inner.X) - 40, Math.Round(inner.Y) - 40), new(Math.Round(inner.X) + 40, Math.Round(inner.Y) - 40),
            new(Math.Round(inner.X) + 40, Math.Round(inner.Y) + 40), new(Math.Round(inner.X) - 40, Math.Round(inner.Y) + 40), new(Math.Round(inner.X) - 40, Math.Round(inner.Y) - 40)]);
        var coverage = await server.Planner.PostAsync("/api/v1/assessment/coverage?crs=EPSG:4547&includeParts=false&date=2026-11-24&projectCode=2026-410100-STAT-01",
            CheckRequests.Content(CheckRequests.GeoJson([square])));
        var (coverageStatus, coverageJson) = await AssessmentDemoServer.ReadAsync(coverage);
        Assert.True(coverageStatus == 200, coverageJson?.ToJsonString());
        Assert.NotNull(coverageJson!["usageId"]!.GetValue<long?>());

        var json = (await server.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/assessment/statistics?date=2026-11-24"))!;
        Assert.Equal(await server.ScalarAsync<long>("SELECT count(*) FROM ob.assessment_area WHERE status = 'published'"), json["publishedAreas"]!.GetValue<long>());
        Near(await Km2Async($"SELECT ST_Area(ST_Union(geom)) FROM ({Published}) p"), json["assessedKm2"]!.GetValue<double>(), "assessed");

        foreach (var item in json["byItem"]!.AsArray())
        {
            var code = item!["item"]!.GetValue<string>();
            Near(await Km2Async($"SELECT coalesce(ST_Area(ST_Union(geom)), 0) FROM ({ValidFor}) v", DateParam(), code), item["km2"]!.GetValue<double>(), $"item {code}");
        }

        var districts = json["byDistrict"]!.AsArray();
        Assert.Equal(await server.ScalarAsync<long>("""
            SELECT count(*) FROM ob.layer_feature WHERE version_id = (SELECT id FROM ob.layer_version WHERE layer_code = 'XZQH' ORDER BY version DESC LIMIT 1)
            """), districts.Count);
        double sumOfDistricts = 0;
        foreach (var d in districts)
        {
            var code = d!["code"]!.GetValue<string>();
            const string District = """
                SELECT f.geom FROM ob.layer_feature f
                WHERE f.version_id = (SELECT id FROM ob.layer_version WHERE layer_code = 'XZQH' ORDER BY version DESC LIMIT 1) AND f.attributes->>'XZQDM' = $1
                """;
            var assessed = await Km2Async($"SELECT ST_Area(ST_Intersection(d.geom, (SELECT ST_Union(geom) FROM ({Published}) p))) FROM ({District}) d", code);
            Near(assessed, d["assessedKm2"]!.GetValue<double>(), $"district {code}");
            sumOfDistricts += assessed;
            foreach (var item in d["byItem"]!.AsArray())
            {
                var itemCode = item!["item"]!.GetValue<string>();
                var expected = await Km2Async($"""
                    SELECT coalesce(ST_Area(ST_Intersection(d.geom, (
                        SELECT ST_Union(a.geom) FROM ob.assessment_area a JOIN ob.assessment_item i ON i.area_id = a.id
                        WHERE a.status = 'published' AND i.item_code = $3 AND i.valid_from <= $2 AND (i.valid_to IS NULL OR i.valid_to >= $2)))), 0)
                    FROM ({District}) d
                    """, code, DateParam(), itemCode);
                Near(expected, item["km2"]!.GetValue<double>(), $"district {code} item {itemCode}");
            }
        }
        Assert.True(sumOfDistricts > 50, $"the demo's areas should lie in its districts ({sumOfDistricts} km²)");

        const string Boundary = "SELECT ST_Union(geom) AS u FROM ob.layer_feature WHERE version_id = (SELECT id FROM ob.layer_version WHERE layer_code = 'CZKFBJ' ORDER BY version DESC LIMIT 1)";
        var urban = json["urbanBoundary"]!;
        Near(await Km2Async($"SELECT ST_Area(u) FROM ({Boundary}) b"), urban["km2"]!.GetValue<double>(), "urban boundary");
        Near(await Km2Async($"SELECT ST_Area(ST_Intersection(u, (SELECT ST_Union(geom) FROM ({Published}) p))) FROM ({Boundary}) b"), urban["assessedKm2"]!.GetValue<double>(), "urban boundary assessed");
        Near(await server.ScalarAsync<double>($"SELECT ST_Area(ST_Intersection(u, (SELECT ST_Union(geom) FROM ({Published}) p))) / ST_Area(u) FROM ({Boundary}) b"),
            urban["share"]!.GetValue<double>(), "urban boundary share");

        var zones = json["developmentZones"]!;
        const string Zones = "SELECT ST_Union(geom) AS u FROM ob.development_zone WHERE replaced_at IS NULL";
        Near(await server.ScalarAsync<double>($"SELECT ST_Area(ST_Intersection(u, (SELECT ST_Union(geom) FROM ({Published}) p))) / ST_Area(u) FROM ({Zones}) z"),
            zones["share"]!.GetValue<double>(), "zones share");
        Assert.Equal(4, zones["zones"]!.AsArray().Count);
        foreach (var z in zones["zones"]!.AsArray())
            Near(await Km2Async($"SELECT ST_Area(ST_Intersection(z.geom, (SELECT ST_Union(geom) FROM ({Published}) p))) FROM ob.development_zone z WHERE replaced_at IS NULL AND code = $1",
                z!["code"]!.GetValue<string>()), z["assessedKm2"]!.GetValue<double>(), $"zone {z["code"]}");

        var expiring = await server.ScalarAsync<string>("""
            SELECT coalesce(string_agg(a.unit_code || ':' || i.item_code || ':' || i.valid_to || ':' || (i.valid_to - $1::date), ',' ORDER BY i.valid_to, a.unit_code, i.item_code), '')
            FROM ob.assessment_area a JOIN ob.assessment_item i ON i.area_id = a.id
            WHERE a.status = 'published' AND i.valid_from <= $1 AND i.valid_to >= $1 AND i.valid_to <= $1::date + 90
            """, DateParam());
        Assert.Equal(expiring, string.Join(",", json["expiring"]!.AsArray().Select(e =>
            $"{e!["unitCode"]}:{e["item"]}:{e["validTo"]}:{e["daysLeft"]}")));
        Assert.Contains("410100QY003:SZYLZ:2027-01-31:68", expiring);

        var months = await server.ScalarAsync<string>("""
            SELECT string_agg(m || ':' || n, ',' ORDER BY m) FROM (
              SELECT to_char(used_at AT TIME ZONE 'UTC', 'YYYY-MM') m, count(DISTINCT project_code) n FROM ob.assessment_usage GROUP BY 1) s
            """);
        Assert.Equal(months, string.Join(",", json["reuseByMonth"]!.AsArray().Select(m => $"{m!["month"]}:{m["projects"]}")));
    }
}
