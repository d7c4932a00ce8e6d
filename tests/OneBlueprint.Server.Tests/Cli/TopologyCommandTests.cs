using System.Globalization;
using System.Text.Json.Nodes;
using OneBlueprint.Server.Tests.Support;
using OneBlueprint.Server.Tests.Topology;

namespace OneBlueprint.Server.Tests.Cli;

/// <summary>
/// `ob topology` on the real Henan counties, run as a user runs it, with its answer held against PostGIS: the invalid
/// counties by name (ST_IsValidReason on the file's own GeoJSON), the overlapping pairs and their total area, the
/// total gap area; and the findings file read back by GDAL.
/// </summary>
public sealed class TopologyCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ob-topology-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Topology_HenanCounties_ReportsWhatPostGisFinds()
    {
        var findings = Path.Combine(_dir.FullName, "findings.geojson");
        var run = await CliRunner.RunAsync(null, "topology", HenanCounties.File, "--json", "--out", findings);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        Assert.Equal("", run.Error); // --json: no progress output
        var json = JsonNode.Parse(run.Out)!;
        var reference = await HenanReference.GetAsync();

        // Measured as the output says: GCJ-02 detected, converted, measured in the central zone of Henan.
        Assert.True(json["crs"]!["gcj02"]!.GetValue<bool>());
        Assert.Equal(4547, json["crs"]!["workingSrid"]!.GetValue<int>());
        Assert.Contains("ellipsoidal", json["crs"]!["areas"]!.GetValue<string>());

        // The invalid counties by name, each with where (file lon/lat and CGCS2000) and why.
        var invalid = json["invalid"]!.AsArray().Select(n => n!).ToList();
        Assert.Equal(reference.InvalidCounties.Select(r => r.Name), invalid.Select(n => n["name"]!.GetValue<string>()));
        foreach (var n in invalid)
        {
            var postgis = reference.InvalidCounties.Single(r => r.Name == n["name"]!.GetValue<string>());
            Assert.Equal(postgis.Reason, n["reason"]!.GetValue<string>());
            var (x, y) = (n["at"]!["x"]!.GetValue<double>(), n["at"]!["y"]!.GetValue<double>());
            Assert.True(Math.Abs(x - postgis.X) < 1e-9 && Math.Abs(y - postgis.Y) < 1e-9 || await HenanReference.BoundaryMeetsItselfAtAsync(postgis.Index, x, y),
                $"{postgis.Name}: {x} {y} is not where its boundary crosses itself");
            // CGCS2000 is a few hundred metres south-west of GCJ-02 in Henan.
            Assert.InRange(x - n["lonLatCgcs2000"]!["lon"]!.GetValue<double>(), 0.002, 0.01);
        }

        // The overlapping pairs (by name) and their total area.
        var minArea = json["leftOut"]!["minAreaM2"]!.GetValue<double>();
        var pairs = reference.Overlaps.Where(o => o.Area > minArea).ToList();
        var names = HenanCounties.Instance.Names;
        var overlaps = json["overlaps"]!.AsArray().Select(n => n!).ToList();
        Assert.Equal(pairs.Select(p => $"{names[p.A]}|{names[p.B]}"),
            overlaps.Select(n => $"{n["a"]!["name"]!.GetValue<string>()}|{n["b"]!["name"]!.GetValue<string>()}"));
        Close(pairs.Sum(p => p.Area), json["overlapArea"]!["m2"]!.GetValue<double>(), "total overlap area");

        // The gaps: holes between counties no wider than the default 100 m, and their total area.
        var width = json["gaps"]!["maxWidthM"]!.GetValue<double>();
        Assert.Equal(100, width);
        var gaps = reference.Gaps(width).Where(h => h.Area > minArea).ToList();
        Assert.Equal(gaps.Count, json["gaps"]!["count"]!.GetValue<int>());
        Close(gaps.Sum(h => h.Area), json["gaps"]!["area"]!["m2"]!.GetValue<double>(), "total gap area");

        // Every finding is in the file, as GDAL reads it.
        var expected = invalid.Count + overlaps.Count + gaps.Count;
        Assert.Contains($"Feature Count: {expected}", Gdal.OgrInfo("-so", "-al", findings));
    }

    [Fact]
    public async Task Topology_WithoutJson_DrawsProgressOnStderrAndPrintsTotals()
    {
        var run = await CliRunner.RunAsync(null, "topology", HenanCounties.File, "--max-gap-width", "50", "--name-field", "name");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("100%", run.Error);
        Assert.Contains("invalid features: 6", run.Out);
        Assert.Contains("鲁山县", run.Out);
        Assert.Contains("overlapping pairs:", run.Out);
        Assert.Contains("gaps (≤ 50 m wide):", run.Out);
    }

    [Fact]
    public async Task Topology_BadOptions_AreUsageErrors()
    {
        var noField = await CliRunner.RunAsync(null, "topology", HenanCounties.File, "--name-field", "NOPE", "--json");
        Assert.Equal(2, noField.ExitCode);
        Assert.Contains("NOPE", noField.Error);
        var badWidth = await CliRunner.RunAsync(null, "topology", HenanCounties.File, "--max-gap-width", "-3");
        Assert.Equal(2, badWidth.ExitCode);
        Assert.Contains("--max-gap-width", badWidth.Error);
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{what}: PostGIS {expected:R}, ob {actual:R}"));
}
