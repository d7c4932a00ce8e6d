using System.Diagnostics;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Import;
using OneBlueprint.Storage.Layers;
using OneBlueprint.Storage.Tests.Support;
using Xunit.Abstractions;

namespace OneBlueprint.Storage.Tests.Import;

/// <summary>
/// A farmland-sized import end to end. 20,000 polygons by default so the suite stays quick; set
/// OB_IMPORT_TEST_FEATURES=200000 to measure the full-size case (times are printed, never asserted).
/// </summary>
public sealed class LargeImportTests(ITestOutputHelper output)
{
    private static int FeatureCount =>
        int.TryParse(Environment.GetEnvironmentVariable("OB_IMPORT_TEST_FEATURES"), out var n) && n > 0 ? n : 20_000;

    [Fact]
    public async Task Import_ManyPolygons_AllStoredWithPostGisAreas_AndStreamBack()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var set = SyntheticPolygons.Make(FeatureCount);
        var expectedArea = set.Features.Sum(f => f.Geometry.Area);

        var clock = Stopwatch.StartNew();
        var result = await new LayerImporter(scratch.Database).ImportAsync(set, new LayerImportRequest("YJJBNTBHTB", "bench"));
        var importTime = clock.Elapsed;

        clock.Restart();
        var streamed = 0;
        double streamedArea = 0;
        await foreach (var f in new LayerStore(scratch.Database).ReadAllFeaturesAsync(result.VersionId, withAttributes: false))
        {
            streamed++;
            streamedArea += f.Geometry.Area;
        }
        var readTime = clock.Elapsed;

        output.WriteLine($"import of {FeatureCount:N0} polygons: {importTime.TotalSeconds:F1} s; streaming them back: {readTime.TotalSeconds:F1} s");
        Assert.Equal(FeatureCount, result.FeatureCount);
        Assert.Equal(FeatureCount, streamed);
        var postgisArea = await Sql.ScalarAsync<double>(scratch.DataSource, "SELECT sum(ST_Area(geom)) FROM ob.layer_feature");
        Assert.True(Math.Abs(postgisArea - expectedArea) <= 1e-9 * expectedArea, $"PostGIS {postgisArea} vs ours {expectedArea}");
        Assert.True(Math.Abs(streamedArea - expectedArea) <= 1e-9 * expectedArea);
    }
}
