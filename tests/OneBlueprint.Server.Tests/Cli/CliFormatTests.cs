using System.Globalization;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats;
using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Cli;

public sealed class CliFormatTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ob-cli-");
    private static readonly string SampleA = SharedData.Path("redline-txt", "sampleA_hangzhou_pengbu_zone40_from_java_TxtUtils.txt");
    private static readonly string SampleB = SharedData.Path("redline-txt", "sampleB_shaanxi_zone36_3parcels_from_java_TxtJsonServiceImpl_comment.txt");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Temp(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public async Task CrsTransform_MatchesTheCs2csReferenceTable()
    {
        var rows = File.ReadAllLines(SharedData.Path("crs", "henan_cgcs2000_gk_cs2cs.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var stdin = string.Join('\n', rows.Select(r => $"{r[2]} {r[3]}"));
        foreach (var (epsg, northColumn) in new[] { (4547, 10), (4526, 4), (4548, 14) })
        {
            var result = await CliRunner.RunAsync(stdin, "crs", "transform", "--from", "EPSG:4490", "--to", $"EPSG:{epsg}");
            Assert.Equal(0, result.ExitCode);
            var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(rows.Count, lines.Length);
            for (var i = 0; i < rows.Count; i++)
            {
                var xy = lines[i].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(double.Parse(rows[i][northColumn + 1], CultureInfo.InvariantCulture), xy[0], 0.001); // easting first
                Assert.Equal(double.Parse(rows[i][northColumn], CultureInfo.InvariantCulture), xy[1], 0.001);
            }
        }
    }

    [Fact]
    public async Task CrsTransform_BadLine_SaysWhichLine()
    {
        var result = await CliRunner.RunAsync("113.6 34.7\nabc def\n", "crs", "transform", "--from", "EPSG:4490", "--to", "EPSG:4547");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", result.Error);
    }

    [Fact]
    public async Task Inspect_SampleA_AreaAgreesWithDeclared_AndReportsBothAreas()
    {
        var result = await CliRunner.RunAsync(null, "inspect", SampleA, "--json");
        Assert.Equal(0, result.ExitCode);
        var report = JsonNode.Parse(result.Out)!;
        Assert.Equal(4528, report["crs"]!["srid"]!.GetValue<int>()); // CGCS2000 GK zone 40, prefixed
        var feature = report["features"]![0]!;
        Assert.Equal(5.7089, feature["planarArea"]!["ha"]!.GetValue<double>(), 3);
        var mu = feature["planarArea"]!["mu"]!.GetValue<double>();
        Assert.Equal(feature["planarArea"]!["m2"]!.GetValue<double>() * 0.0015, mu, 3);
        // GK scale error at ~14 km from the central meridian is tiny: the ellipsoidal area is within 0.1 %.
        Assert.Equal(1.0, feature["ellipsoidalArea"]!["m2"]!.GetValue<double>() / feature["planarArea"]!["m2"]!.GetValue<double>(), 3);
    }

    [Fact]
    public async Task Inspect_SampleB_ReportsTheWrongPointCountsAsWarnings()
    {
        var result = await CliRunner.RunAsync(null, "inspect", SampleB, "--json");
        var report = JsonNode.Parse(result.Out)!;
        Assert.Equal(3, report["featureCount"]!.GetValue<int>());
        Assert.Equal(3, report["problems"]!.AsArray().Count(p => p!["code"]!.GetValue<string>() == "txt.point-count"));
    }

    [Fact]
    public async Task Convert_TxtGeoJsonShapefileGeoPackageTxt_KeepsCoordinatesAndChineseAttributes()
    {
        var original = FeatureFormats.Read(SampleB);
        var steps = new[] { SampleB, Temp("b.geojson"), Temp("b.shp"), Temp("b.gpkg"), Temp("b.txt") };
        for (var i = 0; i + 1 < steps.Length; i++)
        {
            var result = await CliRunner.RunAsync(null, "convert", steps[i], steps[i + 1]);
            Assert.True(result.ExitCode == 0, result.Error);
        }
        foreach (var written in steps[1..^1])
        {
            var info = Gdal.OgrInfo("-al", "-so", written);
            Assert.Contains("Feature Count: 3", info);
        }
        Assert.Contains("地块名称", Gdal.OgrInfo("-al", Temp("b.gpkg")));

        var final = FeatureFormats.Read(Temp("b.txt"));
        Assert.Equal(original.Srid, final.Srid);
        Assert.Equal(original.Features.Count, final.Features.Count);
        for (var f = 0; f < original.Features.Count; f++)
        {
            var a = original.Features[f].Geometry.Coordinates;
            var b = final.Features[f].Geometry.Coordinates;
            Assert.Equal(a.Length, b.Length);
            for (var k = 0; k < a.Length; k++) Assert.True(a[k].Distance(b[k]) <= 0.001, $"parcel {f} vertex {k}: {a[k]} vs {b[k]}");
            Assert.Equal(original.Features[f].Attributes["地块名称"], final.Features[f].Attributes["地块名称"]);
        }
    }

    [Fact]
    public async Task Convert_ToCrs_ReprojectsLikeProj()
    {
        var result = await CliRunner.RunAsync(null, "convert", SampleB, Temp("b4490.geojson"), "--to-crs", "EPSG:4490");
        Assert.Equal(0, result.ExitCode);
        var set = FeatureFormats.Read(Temp("b4490.geojson"));
        var gk = FeatureFormats.Read(SampleB);
        var source = gk.Features[0].Geometry.Coordinates[0];
        var (lon, lat) = Proj.Cs2cs(gk.Srid!.Value, 4490, source.X, source.Y);
        var target = set.Features[0].Geometry.Coordinates[0];
        Assert.Equal(lon, target.X, 1e-8);
        Assert.Equal(lat, target.Y, 1e-8);
    }

    public static IEnumerable<object[]> BadGeoJsonFiles() =>
        Directory.GetFiles(SharedData.Path("geojsonhint", "bad"), "*.geojson").Order().Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(BadGeoJsonFiles))]
    public async Task Inspect_EveryBadGeoJson_IsAnErrorOrAWarning_NeverACrash(string file)
    {
        var result = await CliRunner.RunAsync(null, "inspect", SharedData.Path("geojsonhint", "bad", file), "--json");
        if (result.ExitCode == 2)
        {
            Assert.Contains("error", result.Error);
            return;
        }
        var report = JsonNode.Parse(result.Out)!;
        Assert.NotEmpty(report["problems"]!.AsArray());
    }
}
