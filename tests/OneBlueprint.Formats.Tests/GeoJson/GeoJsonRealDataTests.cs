using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.Tests.GeoJson;

/// <summary>The real files in shared/data read cleanly (GCJ-02 DataV boundaries and Natural Earth).</summary>
public class GeoJsonRealDataTests
{
    [Fact]
    public void HenanCounties_Read158CountiesWithNames()
    {
        var set = new GeoJsonFormat().Read(GeoJsonTestData.HenanCounties);
        Assert.Equal(158, set.Features.Count);
        Assert.Equal(4490, set.Srid);
        Assert.All(set.Features, f => Assert.IsType<string>(f.Attributes["name"]));
        Assert.Contains(set.Features, f => (string)f.Attributes["name"]! == "中原区" && (long)f.Attributes["adcode"]! == 410102);
        Assert.All(set.Warnings, w => Assert.Equal(ProblemSeverity.Warning, w.Severity));
    }

    [Fact]
    public void AllSharedGeoJsonFiles_ReadWithoutErrors()
    {
        var files = Directory.GetFiles(GeoJsonTestData.PathOf("henan-admin"), "*.geojson").Concat(GeoJsonTestData.NaturalEarthFiles).ToList();
        Assert.True(files.Count >= 6);
        foreach (var file in files)
        {
            var set = new GeoJsonFormat().Read(file);
            Assert.NotEmpty(set.Features);
            Assert.All(set.Features, f => Assert.False(f.Geometry.IsEmpty, file));
        }
    }
}
