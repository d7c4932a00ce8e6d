using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Formats.RedLineTxt;

namespace OneBlueprint.DemoCity.Tests.Output;

[Collection(DemoCityCollection.Name)]
public sealed class DemoCityWriterTests(DemoCityFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ob-democity-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Written => DemoCityWriter.Write(fixture.City, _dir);

    [Fact]
    public void Write_PutsEveryLayerInGeoJsonThatReadsBackTheSame()
    {
        var root = Written;
        Assert.Equal(Path.GetFullPath(_dir), root);
        Assert.True(File.Exists(Path.Combine(root, "manifest.json")));
        var format = new GeoJsonFormat();
        foreach (var (code, set) in fixture.City.Layers)
        {
            var back = format.Read(Path.Combine(root, "layers", $"{code}.geojson"));
            Assert.Equal(4547, back.Srid);
            Assert.Equal(set.Features.Count, back.Features.Count);
            // Geometries are on the 1 mm grid, which is what EPSG:4547 GeoJSON keeps: they come back equal.
            for (var i = 0; i < set.Features.Count; i += Math.Max(1, set.Features.Count / 200))
                Assert.True(set.Features[i].Geometry.EqualsTopologically(back.Features[i].Geometry), $"{code} {set.Features[i].Id} changed");
        }
    }

    [Fact]
    public void Write_LayersAreReadByGdalAsEpsg4547()
    {
        var path = Path.Combine(Written, "layers", "STBHHX.geojson");
        var output = Run("ogrinfo", $"-so -al \"{path}\"");
        Assert.Contains($"Feature Count: {fixture.Layer(LayerCodes.EcologicalRedlines).Features.Count}", output);
        Assert.Contains("3-degree Gauss-Kruger CM 114E", output);
    }

    [Fact]
    public void Write_ProjectsAsRedLineTxtThatReadsBack()
    {
        var root = Written;
        var format = new RedLineTxtFormat();
        using var list = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "projects", "projects.json")));
        Assert.Equal(fixture.City.Projects.Count, list.RootElement.GetArrayLength());
        foreach (var entry in list.RootElement.EnumerateArray())
        {
            var project = fixture.City.Projects.Single(p => p.Code == entry.GetProperty("code").GetString());
            Assert.Equal(project.Name, entry.GetProperty("name").GetString());
            Assert.Equal(project.Category, entry.GetProperty("category").GetString());
            var back = format.Read(Path.Combine(root, "projects", entry.GetProperty("file").GetString()!));
            Assert.Equal(project.RedLine.Features.Count, back.Features.Count);
            for (var i = 0; i < back.Features.Count; i++)
            {
                Assert.Equal(project.RedLine.Features[i].Geometry.Area, back.Features[i].Geometry.Area, 1e-3);
                Assert.Equal(project.RedLine.Features[i].Attributes["地块编号"], back.Features[i].Attributes["地块编号"]);
            }
        }
    }

    [Fact]
    public void Write_ManifestSaysWhatIsRealAndWhatSynthetic()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Written, "manifest.json")));
        var m = doc.RootElement;
        Assert.Equal("demo", m.GetProperty("scale").GetString());
        Assert.Equal(DemoCityFixture.Seed, m.GetProperty("seed").GetInt32());
        Assert.Equal("410100", m.GetProperty("adcode").GetString());
        Assert.Equal("EPSG:4547", m.GetProperty("crs").GetString());
        foreach (var (code, set) in fixture.City.Layers)
            Assert.Equal(set.Features.Count, m.GetProperty("layers").GetProperty(code).GetProperty("features").GetInt32());
        var real = m.GetProperty("real").EnumerateArray().Select(e => e.GetString()).ToList();
        var synthetic = m.GetProperty("synthetic").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("XZQH", real);
        Assert.DoesNotContain("XZQH", synthetic);
        Assert.Contains("STBHHX", synthetic);
        Assert.Contains("YJJBNTBHTB", synthetic);
        Assert.DoesNotContain("YJJBNTBHTB", real);
        var terms = string.Join("\n", m.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("terms").GetString()));
        Assert.Contains("public domain", terms);
        Assert.Contains("AMap", terms);
    }

    [Fact]
    public void Write_SameCityGivesTheSameBytes()
    {
        var first = Hashes(Written);
        var second = Hashes(Written);
        Assert.Equal(first, second);
    }

    private static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static string Run(string tool, string arguments)
    {
        var info = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start (is gdal-bin installed? scripts/deps.sh installs it)");
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {arguments} failed: {output}");
        return output;
    }
}
