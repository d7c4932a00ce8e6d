using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Server.Tests.Compliance;
using OneBlueprint.Storage.Geometries;
using Xunit.Abstractions;

namespace OneBlueprint.Server.Tests.Assessment;

/// <summary>
/// The Must-show cross-check: random red lines through POST /api/v1/assessment/coverage on the demo city, every item's
/// covered share and uncovered area compared with PostGIS on the same tables —
/// <c>ST_Area(ST_Intersection(red line, ST_Union(areas with a valid result)))/ST_Area(red line)</c> and
/// <c>ST_Area(ST_Difference(red line, ST_Union(…)))</c>. Agreement: 1e-6 relative (or 0.01 m²).
/// </summary>
[Collection(AssessmentDemoServerCollection.Name)]
public sealed class CoverageCrossCheckTests(AssessmentDemoServer server, ITestOutputHelper output)
{
    private const int Count = 240;
    private const double RelativeTolerance = 1e-6;
    private const double AbsoluteTolerance = 0.01;

    [Fact]
    public async Task CoverageShares_AgreeWithPostGis_OnRandomRedLines()
    {
        var units = new[] { "410100QY001", "410100QY002", "410100QY003", "410100QY004" };
        var targets = new List<Geometry>();
        foreach (var unit in units) targets.Add((await server.PublishedAsync(unit)).Geometry);
        var lines = AssessmentRedLines.Generate(targets, Count, seed: 20261124);
        var date = AssessmentDemoServer.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var answers = new ConcurrentBag<(int Index, JsonObject Json)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, lines.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var response = await server.Anonymous.PostAsync($"/api/v1/assessment/coverage?crs=EPSG:4547&includeParts=false&date={date}",
                CheckRequests.Content(CheckRequests.GeoJson(lines[i])), ct);
            var (status, json) = await AssessmentDemoServer.ReadAsync(response);
            Assert.True(status == 200, $"red line {i}: {status} {json}");
            answers.Add((i, json!.AsObject()));
        });

        var failures = new List<string>();
        double maxRelative = 0;
        var statuses = new Dictionary<string, int>();
        await using var conn = await server.Database.DataSource.OpenConnectionAsync();
        foreach (var (index, json) in answers.OrderBy(a => a.Index))
        {
            var redLine = lines[index].Length == 1 ? (Geometry)lines[index][0] : lines[index][0].Factory.CreateMultiPolygon(lines[index]);
            var reference = await PostGisAsync(conn, redLine, AssessmentDemoServer.Day);
            Assert.Equal(reference.Keys.Order(), json["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).Order());
            foreach (var item in json["items"]!.AsArray())
            {
                var code = item!["code"]!.GetValue<string>();
                var (share, uncovered, redArea) = reference[code];
                var ours = item["coveredShare"]!.GetValue<double>();
                var oursUncovered = item["uncoveredAreaM2"]!.GetValue<double>();
                var statusName = item["status"]!.GetValue<string>();
                statuses[statusName] = statuses.GetValueOrDefault(statusName) + 1;
                Check($"red line {index} {code} share", ours, share, redArea);
                Check($"red line {index} {code} uncovered m²", oursUncovered, uncovered, 1);
                // the status follows from the numbers PostGIS gives
                var expected = share * redArea <= AbsoluteTolerance ? "not-covered" : uncovered <= AbsoluteTolerance ? "fully-covered" : "partly-covered";
                if (Math.Abs(share * redArea) > 1 && Math.Abs(uncovered) > 1 && expected != statusName)
                    failures.Add($"red line {index} {code}: status {statusName}, PostGIS numbers say {expected}");
            }
        }
        output.WriteLine($"{answers.Count} red lines, statuses {string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}"))}, max relative difference {maxRelative:G3}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
        Assert.True(statuses.GetValueOrDefault("partly-covered") >= 100, "too few partly covered items: the red lines miss the areas");
        Assert.True(statuses.GetValueOrDefault("fully-covered") >= 100, "too few fully covered items");

        void Check(string what, double ours, double theirs, double scale)
        {
            var abs = Math.Abs(ours - theirs);
            var rel = abs / Math.Max(Math.Max(Math.Abs(ours), Math.Abs(theirs)), 1e-300);
            if (theirs * scale > 1) maxRelative = Math.Max(maxRelative, rel);
            if (abs * scale > AbsoluteTolerance && rel > RelativeTolerance)
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: ours {ours:R}, PostGIS {theirs:R} (rel {rel:G3})"));
        }
    }

    /// <summary>Per item code of the catalogue: PostGIS's covered share, uncovered area and the red line's area.</summary>
    private static async Task<Dictionary<string, (double Share, double Uncovered, double RedArea)>> PostGisAsync(NpgsqlConnection conn, Geometry redLine, DateOnly date)
    {
        await using var cmd = new NpgsqlCommand("""
            WITH r AS (SELECT ST_GeomFromEWKB($1) AS g),
                 codes AS (SELECT unnest($3::text[]) AS code),
                 valid AS (SELECT i.item_code, ST_Union(a.geom) AS u
                           FROM ob.assessment_area a JOIN ob.assessment_item i ON i.area_id = a.id
                           WHERE a.status = 'published' AND i.valid_from <= $2 AND (i.valid_to IS NULL OR i.valid_to >= $2)
                           GROUP BY i.item_code)
            SELECT codes.code,
                   coalesce(ST_Area(ST_Intersection(r.g, valid.u)), 0) / ST_Area(r.g),
                   CASE WHEN valid.u IS NULL THEN ST_Area(r.g) ELSE ST_Area(ST_Difference(r.g, valid.u)) END,
                   ST_Area(r.g)
            FROM codes CROSS JOIN r LEFT JOIN valid ON valid.item_code = codes.code
            """, conn);
        cmd.Parameters.Add(GeometryCodec.Parameter(redLine, 4547));
        cmd.Parameters.Add(new NpgsqlParameter { Value = date, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = new[] { "YFKC", "HJYX", "JNPJ", "DZZH", "DZAQ", "SZYLZ", "WWKG" } });
        var result = new Dictionary<string, (double, double, double)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) result[r.GetString(0)] = (r.GetDouble(1), r.GetDouble(2), r.GetDouble(3));
        return result;
    }
}
