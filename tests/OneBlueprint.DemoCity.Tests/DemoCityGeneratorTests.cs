using OneBlueprint.DemoCity.Base;

namespace OneBlueprint.DemoCity.Tests;

[Collection(DemoCityCollection.Name)]
public class DemoCityGeneratorTests(DemoCityFixture fixture)
{
    [Fact]
    public void Generate_SameSeedGivesTheSameCity()
    {
        var reports = new List<double>();
        var again = DemoCityGenerator.Generate(DemoScale.Demo, DemoCityFixture.Seed, new SynchronousProgress(reports.Add), CancellationToken.None);
        Assert.Equal(DemoCityFixture.Fingerprint(fixture.City.Layers, fixture.City.Projects), DemoCityFixture.Fingerprint(again.Layers, again.Projects));

        // Progress on the way: a rising percentage, ending at 100.
        Assert.NotEmpty(reports);
        Assert.Equal(100.0, reports[^1]);
        Assert.All(reports, r => Assert.InRange(r, 0, 100));
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second >= p.First), "progress went backwards");
    }

    [Fact]
    public void BuildBase_OtherSeedGivesOtherControlLines()
    {
        var other = DemoCityGenerator.BuildBase(SharedData.Locate(), seed: 7);
        var mine = fixture.City.Layers.Where(l => other.Layers.ContainsKey(l.Key)).ToDictionary(l => l.Key, l => l.Value);
        Assert.NotEqual(DemoCityFixture.Fingerprint(mine, []), DemoCityFixture.Fingerprint(other.Layers, []));
        // The real base does not depend on the seed.
        Assert.Equal(fixture.Geometries(LayerCodes.Districts).Select(g => g.ToText()), other.Layers[LayerCodes.Districts].Features.Select(f => f.Geometry.ToText()));
    }

    [Fact]
    public void Generate_HasEveryLayerInEpsg4547()
    {
        Assert.Equal(LayerCodes.All, fixture.City.Layers.Keys);
        foreach (var (code, set) in fixture.City.Layers)
        {
            Assert.Equal(4547, set.Srid);
            Assert.Equal(code, set.Name);
            Assert.NotEmpty(set.Features);
        }
    }

    [Fact]
    public void Generate_EveryPolygonIsValid()
    {
        foreach (var (code, set) in fixture.City.Layers)
            foreach (var f in set.Features)
                Assert.True(f.Geometry.IsValid, $"{code} {f.Id} is not valid");
        foreach (var p in fixture.City.Projects)
            foreach (var f in p.RedLine.Features)
                Assert.True(f.Geometry.IsValid, $"{p.Code} {f.Id} is not valid");
    }

    [Fact]
    public void Generate_LabelsSyntheticDataAsSuch()
    {
        var synthetic = new[] { LayerCodes.EcologicalRedlines, LayerCodes.UrbanBoundary, LayerCodes.Farmland, LayerCodes.BlueLine,
            LayerCodes.GreenLine, LayerCodes.PurpleLine, LayerCodes.YellowLine, LayerCodes.Lakes };
        foreach (var code in synthetic)
        {
            var set = fixture.Layer(code);
            Assert.Equal("true", set.Metadata["synthetic"]);
            Assert.Contains("合成演示数据", set.Metadata["来源"]);
            Assert.All(set.Features, f => Assert.Equal("合成演示数据", f.Attributes["SJLY"]));
        }
        foreach (var code in new[] { LayerCodes.Districts, LayerCodes.UrbanAreas })
        {
            Assert.Equal("false", fixture.Layer(code).Metadata["synthetic"]);
            Assert.All(fixture.Layer(code).Features, f => Assert.NotEqual("合成演示数据", f.Attributes["SJLY"]));
        }
        var rivers = fixture.Layer(LayerCodes.Rivers);
        Assert.Equal("partly", rivers.Metadata["synthetic"]);
        Assert.Contains(rivers.Features, f => (string?)f.Attributes["SJLY"] == "Natural Earth" && (string?)f.Attributes["HLMC"] == "黄河");
        Assert.Contains(rivers.Features, f => (string?)f.Attributes["SJLY"] == "合成演示数据");
        foreach (var p in fixture.City.Projects)
        {
            Assert.Equal("true", p.RedLine.Metadata["synthetic"]);
            Assert.All(p.RedLine.Features, f => Assert.Equal("合成演示数据", f.Attributes["SJLY"]));
        }
    }

    [Fact]
    public void Generate_StopsWhenCancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => DemoCityGenerator.Generate(DemoScale.Demo, DemoCityFixture.Seed, null, cts.Token));
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        private readonly object _lock = new();
        public void Report(double value) { lock (_lock) report(value); }
    }
}
