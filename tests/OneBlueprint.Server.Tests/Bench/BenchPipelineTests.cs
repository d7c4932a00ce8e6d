using OneBlueprint.Cli.Bench;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Rules;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Tests.Bench;

/// <summary>
/// The benchmark's machinery end to end on a small city in a scratch database: layers loaded as the server loads
/// them, red lines generated, the engine's areas against the PostGIS query's. No timing is asserted.
/// </summary>
public sealed class BenchPipelineTests
{
    [Fact]
    public async Task EngineAndPostGisQuery_SameRedLines_AgreeOnEveryLayer()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        await SyntheticBlueprint.ImportAsync(scratch.Database);

        var loaded = await new ControlLayerLoader(scratch.Database).LoadAsync(ComplianceRules.Default, null, CancellationToken.None);
        Assert.Equal(["CZKFBJ", "STBHHX", "YJJBNTBHTB"], loaded.Snapshot.Layers.Select(l => l.Code).ToArray());
        Assert.Single(loaded.Districts);
        Assert.True(loaded.Layers.Single(l => l.Code == "STBHHX").Pieces > 1, "the ecological redline should have been subdivided");

        var places = new RedLinePlaces(loaded.Districts,
            loaded.Snapshot["STBHHX"]!.Features.Select(f => f.Geometry).ToArray(),
            loaded.Snapshot["CZKFBJ"]!.Features.Select(f => f.Geometry).ToArray());
        var redLines = new RedLineGenerator(places, GeometryKit.Factory(loaded.WorkingSrid), 11).Generate(30);

        var engine = EngineBench.Run("engine", new ComplianceEngine(ComplianceRules.Default), loaded.Snapshot, redLines, loaded.WorkingSrid,
            warmUp: 3, null, CancellationToken.None);
        await using var postGis = new PostGisBench(scratch.Database);
        await postGis.SetUpAsync(loaded.Layers, null, CancellationToken.None);
        Assert.True(postGis.Tables.Single(t => t.Code == "STBHHX").Subdivided);
        Assert.False(postGis.Tables.Single(t => t.Code == "YJJBNTBHTB").Subdivided);
        var pg = await postGis.RunAsync(redLines, warmUp: 3, null, CancellationToken.None);

        Assert.Empty(engine.Failures);
        Assert.Empty(pg.Failures);
        var agreement = AreaAgreement.Compare("engine", engine.Areas, "postgis", pg.Areas, redLines);
        Assert.Equal(30 * 3, agreement.Compared);
        Assert.True(agreement.Agrees, $"max |Δ| {agreement.MaxAbsDiffM2} m², worst: {string.Join("; ", agreement.Worst)}");

        // The red lines really meet the layers their class is about.
        foreach (var code in new[] { "STBHHX", "CZKFBJ", "YJJBNTBHTB" })
        {
            var k = pg.Areas.LayerOf(code);
            Assert.Contains(redLines, r => pg.Areas.Values[r.Index][k] > 0);
        }
        var eco = pg.Areas.LayerOf("STBHHX");
        Assert.All(redLines.Where(r => r.Class == RedLineClass.InsideEcological),
            r => Assert.Equal(r.AreaM2, pg.Areas.Values[r.Index][eco], 6));
    }
}
