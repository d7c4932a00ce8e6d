using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OneBlueprint.DemoCity;
using OneBlueprint.DemoCity.Synthesis;
using OneBlueprint.Server.Tests.Support;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Tests.Assessment;

/// <summary>
/// `ob assessment import` from files as a user runs it: the demo city's assessment folder (as gen-demo writes it) through
/// --manifest into an empty database, and one area with --items; then list and stats. Checked against what PostGIS
/// holds and the files on disk.
/// </summary>
[Collection(AssessmentDemoServerCollection.Name)]
public sealed class AssessmentCommandTests(AssessmentDemoServer server)
{
    [Fact]
    public async Task ImportManifest_StoresTheDemoAreasZonesAndDocuments()
    {
        var folder = Directory.CreateTempSubdirectory("ob-assessment-cli-").FullName;
        await using var scratch = await ScratchDatabase.CreateAsync();
        try
        {
            var demo = AssessmentAreas.Build(server.City);
            AssessmentWriter.Write(demo, folder);
            var result = await CliRunner.RunWithDatabaseAsync(scratch.ConnectionString, null, "assessment", "import", "--manifest", Path.Combine(folder, "manifest.json"));
            Assert.True(result.ExitCode == 0, result.Error + result.Out);
            Assert.Contains("4 development zones", result.Out);

            await using var conn = await scratch.DataSource.OpenConnectionAsync();
            async Task<T> Scalar<T>(string sql) { await using var cmd = new Npgsql.NpgsqlCommand(sql, conn); return (T)(await cmd.ExecuteScalarAsync())!; }
            Assert.Equal("410100QY001:1:published,410100QY002:1:published,410100QY003:1:superseded,410100QY003:2:published,410100QY004:1:published,410100QY005:1:draft",
                await Scalar<string>("SELECT string_agg(unit_code || ':' || version || ':' || status, ',' ORDER BY unit_code, version) FROM ob.assessment_area"));
            Assert.Equal(4L, await Scalar<long>("SELECT count(*) FROM ob.development_zone WHERE replaced_at IS NULL"));
            // every document stored is byte for byte a file of the folder
            var onDisk = Directory.GetFiles(Path.Combine(folder, "documents")).Select(f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))).Order().ToList();
            Assert.Equal(string.Join(",", onDisk), await Scalar<string>("SELECT string_agg(encode(sha256(content), 'hex'), ',' ORDER BY encode(sha256(content), 'hex')) FROM ob.assessment_document"));
            // and the areas are the polygons of the demo, as PostGIS measures them
            foreach (var area in demo.Areas)
            {
                var stored = await Scalar<double>($"SELECT ST_Area(geom) FROM ob.assessment_area WHERE unit_code = '{area.UnitCode}' ORDER BY version {(area.FileStem.EndsWith("-v1") ? "ASC" : "DESC")} LIMIT 1");
                Assert.Equal(area.Geometry.Area, stored, area.Geometry.Area * 1e-9);
            }

            var list = await CliRunner.RunWithDatabaseAsync(scratch.ConnectionString, null, "assessment", "list", "--json");
            Assert.True(list.ExitCode == 0, list.Error);
            Assert.Equal(4, JsonNode.Parse(list.Out)!.AsArray().Count);
            var stats = await CliRunner.RunWithDatabaseAsync(scratch.ConnectionString, null, "assessment", "stats", "--date", "2026-11-24", "--json");
            Assert.True(stats.ExitCode == 0, stats.Error);
            Assert.Equal(4, JsonNode.Parse(stats.Out)!["publishedAreas"]!.GetValue<int>());
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public async Task ImportOneArea_ExpiredItem_ExitsWith2AndSaysWhy_ThenAllowExpiredStoresIt()
    {
        var folder = Directory.CreateTempSubdirectory("ob-assessment-cli-").FullName;
        await using var scratch = await ScratchDatabase.CreateAsync();
        try
        {
            var polygon = Path.Combine(folder, "area.geojson");
            await File.WriteAllTextAsync(polygon, AssessmentForms.SquareGeoJson(113.30, 34.55, 0.01));
            await File.WriteAllBytesAsync(Path.Combine(folder, "eia.pdf"), AssessmentForms.Pdf());
            var items = Path.Combine(folder, "items.json");
            await File.WriteAllTextAsync(items, """
                { "items": [ { "item": "环评", "validFrom": "2019-07-01", "validTo": "2025-06-30", "mode": "告知承诺", "documents": ["eia.pdf"] } ] }
                """);
            string[] args = ["assessment", "import", polygon, "--unit-code", "410100QY900", "--name", "测试片区", "--items", items, "--publish"];
            var refused = await CliRunner.RunWithDatabaseAsync(scratch.ConnectionString, null, args);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("expired on 2025-06-30", refused.Error);
            Assert.Contains("--allow-expired", refused.Error);

            var stored = await CliRunner.RunWithDatabaseAsync(scratch.ConnectionString, null, [.. args, "--allow-expired"]);
            Assert.True(stored.ExitCode == 0, stored.Error);
            Assert.Contains("410100QY900 v1", stored.Out);
            Assert.Contains("1 documents, published", stored.Out);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
