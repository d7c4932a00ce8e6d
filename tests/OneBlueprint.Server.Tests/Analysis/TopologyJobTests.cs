using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Analysis;

/// <summary>
/// Topology checks as server jobs, end to end over HTTP on a real PostGIS: the overlap and the gap between five green
/// parcels are found with PostGIS's areas, numbered, kept in the ledger, re-matched after a revision (unchanged keep
/// number and status, the moved overlap is changed, the gap that opened up vanishes), and exported.
/// </summary>
public sealed class TopologyJobTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    // Five parcels in the working CRS (EPSG:4547, metres, so edges are exactly straight and shared): F1 and F2 overlap
    // by 500 m × 2 km; F1/F2 (south), F3 (north), F4 (west) and F5 (east) enclose a 50 m strip, a gap under the
    // default 100 m gap width. The revision narrows the overlap to 400 m and drops F5, which opens the strip.
    private static string Parcels(bool revised)
    {
        var parcels = new List<(string Name, double X0, double Y0, double X1, double Y1)>
        {
            ("一号", 0, 0, 2000, 2000),
            ("二号", revised ? 1600 : 1500, 0, 3500, 2000),
            ("三号", 0, 2050, 3500, 4000),
            ("四号", -1000, 0, 0, 4000),
        };
        if (!revised) parcels.Add(("五号", 3500, 0, 4500, 4000));
        var features = parcels.Select(p => (p.Name, X0: 460_000 + p.X0, Y0: 3_840_000 + p.Y0, X1: 460_000 + p.X1, Y1: 3_840_000 + p.Y1))
            .Select(p => FormattableString.Invariant(
                $"{{\"type\":\"Feature\",\"properties\":{{\"DKMC\":\"{p.Name}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{p.X0},{p.Y0}],[{p.X1},{p.Y0}],[{p.X1},{p.Y1}],[{p.X0},{p.Y1}],[{p.X0},{p.Y0}]]]}}}}"));
        return "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", features) + "]}";
    }

    private const string District = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"XZQDM":"410102","XZQMC":"中原区"},
         "geometry":{"type":"Polygon","coordinates":[[[113.5,34.6],[113.7,34.6],[113.7,34.8],[113.5,34.8],[113.5,34.6]]]}}]}
        """;

    private async Task ImportAsync(string layer, string geojson, string crs = "EPSG:4490")
    {
        var response = await server.Admin.PostAsync($"/api/v1/layers/{layer}/versions?crs={crs}", new StringContent(geojson, Encoding.UTF8, "application/geo+json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonObject> RunAsync(object request)
    {
        var start = await server.Planner.PostAsJsonAsync("/api/v1/analysis/topology", request);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var job = (await start.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"/api/v1/analysis/jobs/{job["id"]}", start.Headers.Location!.OriginalString);
        return await AnalysisJobs.WaitAsync(server.Reviewer, job["id"]!.GetValue<long>());
    }

    private async Task<JsonArray> PatchesAsync(long job, string query = "") =>
        (await server.Reviewer.GetFromJsonAsync<JsonObject>($"/api/v1/analysis/jobs/{job}/patches?crs=EPSG:4547{query}"))!["features"]!.AsArray();

    private async Task<double> SqlAsync(string sql)
    {
        await using var cmd = server.Database.Database.DataSource.CreateCommand(sql);
        return Convert.ToDouble(await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Topology_FindsOverlapAndGapWithPostGisAreas_AndTheLedgerFollowsARevision()
    {
        await ImportAsync("XZQH", District);
        await ImportAsync("LVX", Parcels(revised: false), "EPSG:4547");
        var first = await RunAsync(new { layer = "LVX", nameField = "DKMC" });
        Assert.Equal("done", first["state"]!.GetValue<string>());
        Assert.Equal(100, first["percent"]!.GetValue<double>());
        var firstId = first["id"]!.GetValue<long>();
        var patches = await PatchesAsync(firstId);

        // The overlap: exactly PostGIS's intersection of the two stored features.
        var overlap = Assert.Single(patches, p => p!["properties"]!["CYLXDM"]!.GetValue<string>() == "overlap")!;
        var expectedOverlap = await SqlAsync("""
            SELECT ST_Area(ST_Intersection(a.geom, b.geom)) FROM ob.layer_feature a, ob.layer_feature b
            WHERE a.version_id = b.version_id AND a.attributes->>'DKMC' = '一号' AND b.attributes->>'DKMC' = '二号'
              AND a.version_id = (SELECT max(id) FROM ob.layer_version WHERE layer_code = 'LVX')
            """);
        var p1 = overlap["properties"]!;
        Assert.Equal(expectedOverlap, p1["TBMJ"]!.GetValue<double>(), expectedOverlap * 1e-6);
        Assert.Equal("410102", p1["XZQDM"]!.GetValue<string>());
        Assert.Equal("中原区", p1["XZQMC"]!.GetValue<string>());
        Assert.Equal("待处理", p1["ZT"]!.GetValue<string>());
        Assert.Equal("new", p1["PPJG"]!.GetValue<string>());
        Assert.Matches("^TP[0-9]{6}$", p1["DKBH"]!.GetValue<string>());

        // The gap: the holes of PostGIS's union of the layer.
        var gap = Assert.Single(patches, p => p!["properties"]!["CYLXDM"]!.GetValue<string>() == "gap")!;
        var expectedGap = await SqlAsync("""
            WITH u AS (SELECT (ST_Dump(ST_Union(geom))).geom AS g FROM ob.layer_feature
                       WHERE version_id = (SELECT max(id) FROM ob.layer_version WHERE layer_code = 'LVX'))
            SELECT sum(ST_Area(ST_MakePolygon(ST_InteriorRingN(g, n)))) FROM u, generate_series(1, ST_NumInteriorRings(g)) n
            """);
        Assert.Equal(expectedGap, gap["properties"]!["TBMJ"]!.GetValue<double>(), expectedGap * 1e-6);

        // The ledger: a move the workflow does not allow, one missing its 协调方式, then allowed moves.
        var overlapNo = p1["DKBH"]!.GetValue<string>();
        var gapNo = gap["properties"]!["DKBH"]!.GetValue<string>();
        var ledger = $"/api/v1/analysis/jobs/{firstId}/ledger/{overlapNo}";
        Assert.Equal(HttpStatusCode.Conflict, (await server.Planner.PatchAsJsonAsync(ledger, new { status = "已协调", xtfs = "按土规" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Planner.PatchAsJsonAsync(ledger, new { status = "协调中", department = "自然资源局", opinion = "请核实" })).StatusCode);
        var missing = await server.Planner.PatchAsJsonAsync(ledger, new { status = "已协调" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("xtfs", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Reviewer.PatchAsJsonAsync(ledger, new { opinion = "看过" })).StatusCode);
        var gapLedger = $"/api/v1/analysis/jobs/{firstId}/ledger/{gapNo}";
        Assert.Equal(HttpStatusCode.OK, (await server.Planner.PatchAsJsonAsync(gapLedger, new { status = "协调中" })).StatusCode);

        // The same data again: every patch keeps its number and status.
        var second = await RunAsync(new { layer = "LVX", nameField = "DKMC" });
        var again = await PatchesAsync(second["id"]!.GetValue<long>());
        Assert.All(again, p => Assert.Equal("unchanged", p!["properties"]!["PPJG"]!.GetValue<string>()));
        Assert.Equal(patches.Select(p => p!["properties"]!["DKBH"]!.GetValue<string>()).Order(), again.Select(p => p!["properties"]!["DKBH"]!.GetValue<string>()).Order());
        Assert.Equal("协调中", again.Single(p => p!["properties"]!["DKBH"]!.GetValue<string>() == overlapNo)!["properties"]!["ZT"]!.GetValue<string>());

        // A revision: the overlap narrows (changed, number and status kept), the gap opens to the east (vanished).
        await ImportAsync("LVX", Parcels(revised: true), "EPSG:4547");
        var third = await RunAsync(new { layer = "LVX", nameField = "DKMC" });
        var matching = third["summary"]!["matching"]!;
        Assert.Equal(1, matching["changed"]!.GetValue<int>());
        Assert.Equal(1, matching["vanished"]!.GetValue<int>());
        Assert.Equal(gapNo, matching["vanishedNumbers"]![0]!.GetValue<string>());
        var revised = await PatchesAsync(third["id"]!.GetValue<long>());
        var moved = Assert.Single(revised, p => p!["properties"]!["CYLXDM"]!.GetValue<string>() == "overlap")!["properties"]!;
        Assert.Equal(overlapNo, moved["DKBH"]!.GetValue<string>());
        Assert.Equal("changed", moved["PPJG"]!.GetValue<string>());
        Assert.Equal("协调中", moved["ZT"]!.GetValue<string>());

        var history = (await server.Reviewer.GetFromJsonAsync<JsonObject>($"/api/v1/analysis/jobs/{third["id"]}/ledger/{gapNo}"))!;
        Assert.Equal(third["id"]!.GetValue<long>(), history["vanishedJobId"]!.GetValue<long>());
        Assert.Equal(["found", "status", "vanished"], history["events"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Topology_ExportsLedgerAsExcelReadableCsvAndShapefile()
    {
        await ImportAsync("HX", Parcels(revised: false).Replace("DKMC", "MC"), "EPSG:4547");
        var job = await RunAsync(new { layer = "HX" });
        var id = job["id"]!.GetValue<long>();

        var csv = await server.Reviewer.GetByteArrayAsync($"/api/v1/analysis/jobs/{id}/patches?format=csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("地块编号(DKBH),", lines[0]);
        Assert.Equal(job["summary"]!["byKind"]!.AsObject().Sum(k => k.Value!["count"]!.GetValue<int>()) + 1, lines.Length);

        // The same ledger as an Excel workbook, read back by GDAL's XLSX driver: a row per patch, the numbers as numbers.
        var xlsx = Path.Combine(Path.GetTempPath(), $"ob-ledger-{Guid.NewGuid():N}.xlsx");
        try
        {
            await File.WriteAllBytesAsync(xlsx, await server.Reviewer.GetByteArrayAsync($"/api/v1/analysis/jobs/{id}/patches?format=xlsx"));
            var sheet = Gdal.OgrInfo("-al", "-oo", "HEADERS=FORCE", xlsx);
            Assert.Contains($"Feature Count: {lines.Length - 1}", sheet);
            Assert.Contains("地块编号(DKBH)", sheet);
            Assert.Matches(@"投影面积\(平方米\) \((Integer|Real)\) = [0-9.]+", sheet); // a number, not text
            foreach (var dkbh in lines.Skip(1).Select(l => l.Split(',')[0])) Assert.Contains(dkbh, sheet);
        }
        finally
        {
            File.Delete(xlsx);
        }

        var zip = await server.Reviewer.GetByteArrayAsync($"/api/v1/analysis/jobs/{id}/patches?format=shp");
        var folder = Directory.CreateTempSubdirectory("ob-patches-");
        try
        {
            System.IO.Compression.ZipFile.ExtractToDirectory(new MemoryStream(zip), folder.FullName);
            var shp = Directory.GetFiles(folder.FullName, "*.shp").Single();
            var info = Gdal.OgrInfo("-so", "-al", shp); // GDAL reads what we wrote
            Assert.Contains($"Feature Count: {lines.Length - 1}", info);
            Assert.Contains("DKBH", info);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var stats = (await server.Reviewer.GetFromJsonAsync<JsonObject>($"/api/v1/analysis/jobs/{id}/statistics"))!;
        Assert.Equal(lines.Length - 1, stats["total"]!["count"]!.GetValue<int>());

        // OGC API Features: the newest check's findings, for callers with a key only.
        var items = (await server.Reviewer.GetFromJsonAsync<JsonObject>("/ogc/collections/topology-findings/items?f=json&limit=100"))!;
        Assert.Equal(lines.Length - 1, items["numberMatched"]!.GetValue<int>());
        Assert.Contains(items["features"]!.AsArray(), f => f!["properties"]!["CYLXDM"]!.GetValue<string>() == "overlap" && f["properties"]!["ZT"]!.GetValue<string>() == "待处理");
        var filtered = (await server.Reviewer.GetFromJsonAsync<JsonObject>("/ogc/collections/topology-findings/items?f=json&CYLXDM=gap"))!;
        Assert.All(filtered["features"]!.AsArray(), f => Assert.Equal("gap", f!["properties"]!["CYLXDM"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Anonymous.GetAsync("/ogc/collections/topology-findings/items?f=json")).StatusCode);
    }

    [Fact]
    public async Task ThreeLines_FindsTheRedlineFarmlandOverlap_AndCountsSliversUnderTheDefaultMinimum()
    {
        static string Box(string field, string value, double x0, double y0, double x1, double y1) => FormattableString.Invariant(
            $"{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"properties\":{{\"{field}\":\"{value}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}}}]}}");
        // redline 0..1000; farmland 900..1500 (100 m × 1 km inside the redline); the boundary 1499.9..3000 grazes the
        // farmland by a 0.1 mm strip (0.1 m²) and the redline not at all.
        await ImportAsync("STBHHX", Box("MC", "红线", 470_000, 3_850_000, 471_000, 3_851_000), "EPSG:4547");
        await ImportAsync("YJJBNTBHTB", Box("DKBH", "NT1", 470_900, 3_850_000, 471_500, 3_851_000), "EPSG:4547");
        await ImportAsync("CZKFBJ", Box("MC", "边界", 471_499.9999, 3_850_000, 473_000, 3_851_000), "EPSG:4547");
        var job = await RunAsync(new { threeLines = true });
        Assert.Equal("done", job["state"]!.GetValue<string>());
        var byKind = job["summary"]!["byKind"]!;
        Assert.Equal(1, byKind["redline-farmland"]!["count"]!.GetValue<int>());
        Assert.Equal(100_000, byKind["redline-farmland"]!["areaM2"]!.GetValue<double>(), 1e-3);
        Assert.Equal(0, byKind["farmland-in-urban-boundary"]!["count"]!.GetValue<int>()); // 0.1 m² sliver: counted, not listed
        Assert.Equal(1, job["summary"]!["filtered"]!["count"]!.GetValue<int>());
        Assert.Equal(0.1, job["summary"]!["filtered"]!["areaM2"]!.GetValue<double>(), 1e-3);
        var patch = Assert.Single(await PatchesAsync(job["id"]!.GetValue<long>()))!["properties"]!;
        Assert.True(patch["STHX"]!.GetValue<bool>() && patch["JBNT"]!.GetValue<bool>() && !patch["KFBJ"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Topology_BadRequestsAreClearProblems()
    {
        var unknown = await server.Planner.PostAsJsonAsync("/api/v1/analysis/topology", new { layer = "NOPE" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        var none = await server.Planner.PostAsJsonAsync("/api/v1/analysis/topology", new { });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        var width = await server.Planner.PostAsJsonAsync("/api/v1/analysis/topology", new { layer = "LX", maxGapWidthM = -1 });
        Assert.True(width.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, width.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Anonymous.GetAsync("/api/v1/analysis/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Reviewer.PostAsJsonAsync("/api/v1/analysis/topology", new { layer = "LX" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Reviewer.GetAsync("/api/v1/analysis/jobs/999999")).StatusCode);
    }
}
