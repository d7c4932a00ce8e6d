using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using OneBlueprint.Geo.Crs;
using Xunit.Abstractions;

namespace OneBlueprint.Server.Tests.Compliance;

/// <summary>
/// The Must-show cross-check: a thousand random red lines through the HTTP API, every layer's overlap area compared
/// with PostGIS's own <c>ST_Area(ST_Intersection(…))</c> on the red line the server stored (so both engines see the same
/// coordinates whether the red line was sent in EPSG:4547 or in lon/lat), and the outside area of the urban boundary
/// with <c>ST_Area(ST_Difference(red line, ST_Union(boundary features)))</c>. Agreement: within 0.01 m² or 1e-6 relative.
/// </summary>
[Collection(DemoCityServerCollection.Name)]
public sealed class ComplianceCrossCheckTests(DemoCityServer server, ITestOutputHelper output)
{
    private const int Count = 1_000;
    private const double AbsoluteTolerance = 0.01;
    private const double RelativeTolerance = 1e-6;

    private sealed record Answer(long Id, double RedLineArea, Dictionary<string, double> Overlap, double? Outside);

    [Fact]
    public async Task OverlapAreas_AgreeWithPostGis_OnAThousandRandomRedLines()
    {
        var lines = RandomRedLines.Generate(server.City, Count, seed: 20260601);
        Assert.True(lines.Count(l => l.HasHoles) >= 50, "too few red lines with holes");
        Assert.True(lines.Count(l => l.Parcels.Count > 1) >= 100, "too few multi-parcel red lines");
        Assert.All(lines, l => Assert.InRange(l.Area, 9_999, 1_000_001));

        var answers = new ConcurrentBag<Answer>();
        await Parallel.ForEachAsync(lines, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (line, ct) =>
        {
            // A third in lon/lat (the server reprojects them), the rest in the working CRS.
            var lonLat = line.Index % 3 == 0;
            var body = CheckRequests.GeoJson(line.Parcels, lonLat ? CrsCatalog.Cgcs2000 : DemoCity.DemoCity.Srid);
            var (status, json) = await CheckRequests.PostAsync(server.Reviewer, lonLat ? "?includeParts=false" : "?includeParts=false&crs=EPSG:4547",
                CheckRequests.Content(body), ct);
            Assert.True(status == 201, $"red line {line.Index} ({line.Target}): {status} {json.ToJsonString()}");
            var layers = json["layers"]!.AsArray().OfType<JsonObject>().ToList();
            answers.Add(new Answer(json["id"]!.GetValue<long>(), json["redLine"]!["areaM2"]!.GetValue<double>(),
                layers.ToDictionary(l => l["code"]!.GetValue<string>(), l => l["overlapAreaM2"]!.GetValue<double>()),
                layers.Single(l => l["code"]!.GetValue<string>() == "CZKFBJ")["outsideAreaM2"]!.GetValue<double>()));
        });
        Assert.Equal(Count, answers.Count);

        var byId = answers.ToDictionary(a => a.Id);
        var ids = byId.Keys.ToArray();
        var reference = await PostGisOverlapsAsync(ids);
        var outside = await PostGisOutsideAsync(ids);

        var failures = new List<string>();
        double maxAbs = 0, maxRel = 0;
        var compared = 0;
        var hits = new Dictionary<string, int>();
        void Compare(string what, long id, double ours, double theirs)
        {
            compared++;
            var abs = Math.Abs(ours - theirs);
            var rel = abs / Math.Max(Math.Abs(ours), Math.Abs(theirs));
            maxAbs = Math.Max(maxAbs, abs);
            if (theirs > 1) maxRel = Math.Max(maxRel, rel);
            if (abs > AbsoluteTolerance && rel > RelativeTolerance)
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"check {id} {what}: ours {ours:R} m², PostGIS {theirs:R} m² (Δ {abs:G4}, rel {rel:G4})"));
        }
        foreach (var (id, code, area) in reference)
        {
            if (code == "") { Compare("red line area", id, byId[id].RedLineArea, area); continue; }
            Assert.True(byId[id].Overlap.ContainsKey(code), $"check {id} has no result for {code}");
            Compare(code, id, byId[id].Overlap[code], area);
            if (area > 1) hits[code] = hits.GetValueOrDefault(code) + 1;
        }
        foreach (var (id, area) in outside)
        {
            Compare("CZKFBJ outside", id, byId[id].Outside!.Value, area);
            if (area > 1) hits["CZKFBJ outside"] = hits.GetValueOrDefault("CZKFBJ outside") + 1;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Count} red lines, {compared} areas compared with PostGIS: max |Δ| {maxAbs:G4} m², max relative Δ {maxRel:G4} (areas > 1 m²)"));
        output.WriteLine("red lines overlapping (> 1 m²): " + string.Join(", ", hits.OrderBy(h => h.Key).Select(h => $"{h.Key} {h.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} disagreements, first: {string.Join("\n", failures.Take(10))}");
        Assert.Equal(Count * 9, compared); // per red line: its own area, 7 layers, the outside area
        // The sampling reaches every kind of control line, not just empty land.
        foreach (var code in new[] { "STBHHX", "YJJBNTBHTB", "LX", "LVX", "HX", "CZKFBJ outside" })
            Assert.True(hits.GetValueOrDefault(code) >= 40, $"only {hits.GetValueOrDefault(code)} red lines overlap {code}");
    }

    /// <summary>(check id, layer code, Σ ST_Area(ST_Intersection)) over the layer versions each check recorded; code "" is the red line's own area.</summary>
    private async Task<List<(long Id, string Code, double Area)>> PostGisOverlapsAsync(long[] ids)
    {
        await using var cmd = server.Database.DataSource.CreateCommand("""
            SELECT c.id, v.key,
                   (SELECT coalesce(sum(ST_Area(ST_Intersection(f.geom, c.redline))), 0)
                    FROM ob.layer_feature f
                    WHERE f.version_id = (v.value->>'id')::bigint AND ST_Intersects(f.geom, c.redline))
            FROM ob.compliance_check c CROSS JOIN LATERAL jsonb_each(c.layer_versions) v
            WHERE c.id = ANY($1)
            UNION ALL
            SELECT c.id, '', ST_Area(c.redline) FROM ob.compliance_check c WHERE c.id = ANY($1)
            """);
        cmd.CommandTimeout = 600;
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<(long, string, double)>();
        while (await r.ReadAsync()) list.Add((r.GetInt64(0), r.GetString(1), r.GetDouble(2)));
        return list;
    }

    /// <summary>(check id, area of the red line outside the union of the urban-boundary features near it).</summary>
    private async Task<List<(long Id, double Area)>> PostGisOutsideAsync(long[] ids)
    {
        await using var cmd = server.Database.DataSource.CreateCommand("""
            SELECT c.id,
                   ST_Area(ST_Difference(c.redline, coalesce(
                       (SELECT ST_Union(f.geom) FROM ob.layer_feature f
                        WHERE f.version_id = (c.layer_versions->'CZKFBJ'->>'id')::bigint AND f.geom && c.redline),
                       ST_SetSRID('POLYGON EMPTY'::geometry, ST_SRID(c.redline)))))
            FROM ob.compliance_check c WHERE c.id = ANY($1)
            """);
        cmd.CommandTimeout = 600;
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var r = await cmd.ExecuteReaderAsync();
        var list = new List<(long, double)>();
        while (await r.ReadAsync()) list.Add((r.GetInt64(0), r.GetDouble(1)));
        return list;
    }
}
