using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Ogc;

/// <summary>
/// The real server with a small farmland layer (YJJBNTBHTB, 5×5 grid of squares, imported by the admin client) and
/// one project's red line (two parcels, uploaded by the planner client). The expected answers come from how the
/// grid was built (C#) and from PostGIS, never from the OGC code.
/// </summary>
public sealed class OgcFixture : IAsyncLifetime
{
    public const string Layer = "YJJBNTBHTB";
    public const string Project = "OGC-2026-01";
    public const string Nasty = "<script>alert('x')</script> & \"农田\"";

    public ServerFixture Server { get; } = new();

    /// <summary>Square n (0-based): west/south corner in lon/lat and its attributes.</summary>
    public List<(int No, double West, double South, string Dlbm, long Xzqdm)> Squares { get; } = [];

    public const double Size = 0.005;

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        var features = new List<string>();
        for (var j = 0; j < 5; j++)
        for (var i = 0; i < 5; i++)
        {
            var no = j * 5 + i;
            double w = 113.60 + i * 0.01, s = 34.70 + j * 0.01;
            var dlbm = (i + j) % 3 == 0 ? "0101" : "0102";
            long xzqdm = i < 2 ? 410184 : 410100;
            Squares.Add((no, w, s, dlbm, xzqdm));
            string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            var name = no == 7 ? Nasty : $"地块{no}";
            var ring = $"[[{F(w)},{F(s)}],[{F(w + Size)},{F(s)}],[{F(w + Size)},{F(s + Size)}],[{F(w)},{F(s + Size)}],[{F(w)},{F(s)}]]";
            var properties = $"\"NO\":{no},\"DLBM\":\"{dlbm}\",\"XZQDM\":{xzqdm},\"MC\":{System.Text.Json.JsonSerializer.Serialize(name)}";
            features.Add("{\"type\":\"Feature\",\"properties\":{" + properties + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}");
        }
        var layer = await Server.Admin.PostAsync($"/api/v1/layers/{Layer}/versions?note=ogc",
            new StringContent("{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", features) + "]}", Encoding.UTF8, "application/geo+json"));
        if (layer.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException(await layer.Content.ReadAsStringAsync());

        var project = await Server.Planner.PostAsJsonAsync("/api/v1/projects", new { code = Project, name = "OGC 测试项目", category = "工业" });
        if (project.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException(await project.Content.ReadAsStringAsync());
        const string redLine = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","id":"P1","properties":{"地块名称":"一号地"},"geometry":{"type":"Polygon","coordinates":[[[113.70,34.70],[113.702,34.70],[113.702,34.702],[113.70,34.702],[113.70,34.70]]]}},
              {"type":"Feature","id":"P2","properties":{"地块名称":"二号地"},"geometry":{"type":"Polygon","coordinates":[[[113.71,34.70],[113.712,34.70],[113.712,34.702],[113.71,34.702],[113.71,34.70]]]}}]}
            """;
        var red = await Server.Planner.PostAsync($"/api/v1/projects/{Project}/redlines?filename=red.geojson", new StringContent(redLine, Encoding.UTF8, "application/geo+json"));
        if (red.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException(await red.Content.ReadAsStringAsync());
    }

    public async Task<long> ScalarAsync(string sql, params object[] args)
    {
        await using var cmd = Server.Database.Database.DataSource.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public async Task<List<long>> IdsAsync(string sql, params object[] args)
    {
        await using var cmd = Server.Database.Database.DataSource.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new() { Value = a });
        await using var r = await cmd.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await r.ReadAsync()) ids.Add(r.GetInt64(0));
        return ids;
    }

    public Task<long> VersionIdAsync() =>
        ScalarAsync("SELECT id FROM ob.layer_version WHERE layer_code = $1 ORDER BY version DESC LIMIT 1", Layer);

    public async Task<JsonObject> JsonAsync(string url)
    {
        var response = await Server.Anonymous.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public Task DisposeAsync() => Server.DisposeAsync();
}
