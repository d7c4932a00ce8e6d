using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using OneBlueprint.Server.Tests.Support;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Tests.Cli;

/// <summary>
/// `ob diff` on small real files: Henan's 18 cities (DataV, three of them self-intersecting) against Natural Earth's
/// urban areas, compared as-is (city name vs "Urban area"). The reference is PostGIS on the same files loaded by GDAL's
/// ogr2ogr (its own GeoJSON reader), reprojected by PROJ (ST_Transform) and made valid by ST_MakeValid.
/// </summary>
public sealed class CliDiffTests : IAsyncLifetime
{
    private static readonly string Cities = SharedData.Path("henan-admin", "datav_henan_18cities.geojson");
    private static readonly string Urban = SharedData.Path("naturalearth", "ne50m_urban_areas_henan_bbox.geojson");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ob-cli-diff-");
    private ScratchDatabase _db = null!;

    public async Task InitializeAsync() => _db = await ScratchDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Diff_CitiesAgainstUrbanAreas_JsonTotalsAgreeWithPostGis()
    {
        var patches = Path.Combine(_dir.FullName, "patches.gpkg");
        var run = await CliRunner.RunAsync(null, "diff", Cities, Urban, "--field-a", "name", "--field-b", "featurecla", "--as-is",
            "--out", patches, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = JsonNode.Parse(run.Out)!;
        var srid = json["workingSrid"]!.GetValue<int>();
        Assert.Equal(4547, srid); // the 3° zone of the cities' centre (about 113.6°E)
        Assert.True(json["conservation"]!["conserved"]!.GetValue<bool>());
        Assert.Equal(3, json["notes"]!.AsArray().Count(n => n!.GetValue<string>().Contains("repaired")));

        var builder = new NpgsqlConnectionStringBuilder(_db.ConnectionString);
        var pg = $"PG:host={builder.Host} port={builder.Port} user={builder.Username} dbname={builder.Database}" +
                 (string.IsNullOrEmpty(builder.Password) ? "" : $" password={builder.Password}");
        foreach (var (file, table) in new[] { (Cities, "cities"), (Urban, "urban") })
        {
            var load = await ExternalTool.RunAsync("ogr2ogr", ["-f", "PostgreSQL", pg, file, "-nln", table, "-lco", "GEOMETRY_NAME=geom", "-nlt", "PROMOTE_TO_MULTI"],
                "scripts/deps.sh (gdal-bin)");
            Assert.True(load.ExitCode == 0, load.Stderr);
        }
        await using var conn = await _db.Database.OpenConnectionAsync();
        var pairs = await ReadAsync(conn, $"""
            WITH c AS (SELECT name, ST_MakeValid(ST_Transform(geom, {srid})) AS g FROM cities),
                 u AS (SELECT featurecla, ST_Transform(geom, {srid}) AS g FROM urban)
            SELECT c.name, sum(ST_Area(ST_Intersection(c.g, u.g))) FROM c JOIN u ON c.g && u.g AND ST_Intersects(c.g, u.g) GROUP BY 1
            """);
        var cityAreas = await ReadAsync(conn, $"SELECT name, sum(ST_Area(ST_MakeValid(ST_Transform(geom, {srid})))) FROM cities GROUP BY 1");
        var urbanArea = (await ReadAsync(conn, $"SELECT 'all', sum(ST_Area(ST_Transform(geom, {srid}))) FROM urban"))["all"];

        var rows = json["classes"]!.AsArray();
        double Row(string part, string? a, string? b)
        {
            var row = rows.Single(r => r!["part"]!.GetValue<string>() == part && r["classA"]?.GetValue<string>() == a && r["classB"]?.GetValue<string>() == b)!;
            return row["area"]!["m2"]!.GetValue<double>() + row["sliverM2"]!.GetValue<double>();
        }
        Assert.Equal(pairs.Count, rows.Count(r => r!["part"]!.GetValue<string>() == "differ"));
        foreach (var (city, area) in pairs)
        {
            Near(area, Row("differ", city, "Urban area"), city);
            Near(cityAreas[city] - area, Row("onlyA", city, null), city + " outside urban areas");
        }
        Near(urbanArea - pairs.Values.Sum(), Row("onlyB", null, "Urban area"), "urban areas outside the cities");

        var written = Gdal.OgrInfo("-so", "-al", patches);
        Assert.Contains($"Feature Count: {json["patches"]!.GetValue<int>()}", written);
        Assert.Contains("CYLXDM", written);
    }

    [Fact]
    public async Task Diff_MissingField_SaysWhichFieldsExist()
    {
        var run = await CliRunner.RunAsync(null, "diff", Cities, Urban, "--field-a", "NOPE", "--field-b", "featurecla", "--as-is");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("NOPE", run.Error);
        Assert.Contains("adcode", run.Error);
    }

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Abs(expected) + 1e-3,
            string.Create(CultureInfo.InvariantCulture, $"{what}: PostGIS {expected:R} m², ob diff {actual:R} m²"));

    private static async Task<Dictionary<string, double>> ReadAsync(NpgsqlConnection conn, string sql)
    {
        var values = new Dictionary<string, double>();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values[reader.GetString(0)] = reader.GetDouble(1);
        return values;
    }
}
