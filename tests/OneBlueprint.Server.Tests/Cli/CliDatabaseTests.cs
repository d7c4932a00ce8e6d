using System.Text.Json.Nodes;
using OneBlueprint.Formats;
using OneBlueprint.Geo.Features;
using OneBlueprint.Server.Tests.Support;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Tests.Cli;

/// <summary>`ob import`, `ob export`, `ob layers` and `ob keys` against a scratch PostGIS database.</summary>
public sealed class CliDatabaseTests : IAsyncLifetime
{
    private ScratchDatabase _db = null!;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ob-cli-db-");
    private static readonly string SampleB = SharedData.Path("redline-txt", "sampleB_shaanxi_zone36_3parcels_from_java_TxtJsonServiceImpl_comment.txt");

    public async Task InitializeAsync() => _db = await ScratchDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    private Task<CliRunner.CliResult> Ob(params string[] args) => CliRunner.RunWithDatabaseAsync(_db.ConnectionString, null, args);

    [Fact]
    public async Task ImportThenExport_EveryFormat_KeepsFeaturesAndGdalReadsThem()
    {
        var counties = SharedData.Path("henan-admin", "datav_410726_yanjin.geojson");
        var import = await Ob("import", counties, "--layer", "XZQH", "--note", "延津县", "--json");
        Assert.True(import.ExitCode == 0, import.Error);
        var result = JsonNode.Parse(import.Out)!;
        Assert.Equal(1, result["version"]!.GetValue<int>());

        var layers = await Ob("layers", "XZQH", "--json");
        Assert.Equal("延津县", JsonNode.Parse(layers.Out)!.AsArray()[0]!["note"]!.GetValue<string>());

        var original = FeatureFormats.Read(counties);
        foreach (var file in new[] { "x.geojson", "x.shp", "x.gpkg" })
        {
            var path = Path.Combine(_dir.FullName, file);
            var export = await Ob("export", "--layer", "XZQH", path);
            Assert.True(export.ExitCode == 0, export.Error);
            Assert.Contains($"Feature Count: {original.Features.Count}", Gdal.OgrInfo("-al", "-so", path));
            var back = FeatureFormats.Read(path).ReprojectTo(4490);
            // Stored in EPSG:4547 at full precision: back in lon/lat within 1e-8° (about 1 mm). Writers may
            // orient rings differently (RFC 7946 CCW shells, shapefile CW) and a shapefile has no
            // one-part MultiPolygon, so compare normalised single parts.
            var a = SinglePart(original.Features[0].Geometry).Normalized();
            var b = SinglePart(back.Features[0].Geometry).Normalized();
            Assert.True(a.EqualsExact(b, 1e-8), $"{file}: {a.NumPoints} vs {b.NumPoints} vertices differ by more than 1e-8°");
            Assert.Equal(original.Features[0].Attributes["name"], back.Features[0].Attributes["name"]);
        }
    }

    private static NetTopologySuite.Geometries.Geometry SinglePart(NetTopologySuite.Geometries.Geometry g) =>
        g.NumGeometries == 1 ? g.GetGeometryN(0) : g;

    [Fact]
    public async Task Import_InvalidGeometry_FailsWithLocation_AndRepairFlagRecordsIt()
    {
        var bowtie = Path.Combine(_dir.FullName, "bowtie.geojson");
        await File.WriteAllTextAsync(bowtie, """{"type":"Polygon","coordinates":[[[113.60,34.70],[113.62,34.72],[113.62,34.70],[113.60,34.72],[113.60,34.70]]]}""");
        var rejected = await Ob("import", bowtie, "--layer", "LX");
        Assert.Equal(2, rejected.ExitCode);
        Assert.Contains("bowtie.geojson", rejected.Error);
        Assert.Contains("--repair", rejected.Error);

        var repaired = await Ob("import", bowtie, "--layer", "LX", "--repair", "--json");
        Assert.True(repaired.ExitCode == 0, repaired.Error);
        Assert.Equal(1, JsonNode.Parse(repaired.Out)!["repairedCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_UnknownLayer_IsAUsageError()
    {
        var result = await Ob("import", SampleB, "--layer", "NOPE");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("NOPE", result.Error);
    }

    [Fact]
    public async Task KeysAdd_PrintsAKeyOnce_ThatVerifies()
    {
        var result = await Ob("keys", "add", "--name", "省审批系统", "--role", "reviewer");
        Assert.Equal(0, result.ExitCode);
        var key = result.Out.Trim();
        Assert.StartsWith("ob_", key);
        var principal = await new ApiKeyStore(_db.Database).VerifyAsync(key);
        Assert.Equal("reviewer", principal!.Role);
        Assert.Equal("省审批系统", principal.Name);
        var wrongRole = await Ob("keys", "add", "--name", "x", "--role", "superuser");
        Assert.Equal(2, wrongRole.ExitCode);
    }
}
