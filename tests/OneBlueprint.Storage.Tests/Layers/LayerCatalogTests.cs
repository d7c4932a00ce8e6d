using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Storage.Tests.Layers;

public sealed class LayerCatalogTests
{
    [Fact]
    public async Task Catalogue_IsSeededByMigration()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();

        var layers = await new LayerStore(scratch.Database).ListLayersAsync();

        var expected = new Dictionary<string, (string NameZh, string Group)>
        {
            ["STBHHX"] = ("生态保护红线", "三区三线"),
            ["YJJBNTBHTB"] = ("永久基本农田", "三区三线"),
            ["CZKFBJ"] = ("城镇开发边界", "三区三线"),
            ["LX"] = ("城市蓝线", "四线"),
            ["LVX"] = ("城市绿线", "四线"),
            ["ZX"] = ("城市紫线", "四线"),
            ["HX"] = ("城市黄线", "四线"),
            ["XZQH"] = ("行政区划", "行政区划"),
            ["SX"] = ("水系", "基础地理"),
            ["HP"] = ("湖泊/水面", "基础地理"),
            ["CSJSYD"] = ("现状城镇", "基础地理"),
            ["TDGH"] = ("土地利用总体规划", "规划"),
            ["CSGH"] = ("城市总体规划", "规划"),
        };
        Assert.Equal(expected.Keys.Order(), layers.Select(l => l.Code).Order());
        foreach (var layer in layers)
        {
            Assert.Equal(expected[layer.Code], (layer.NameZh, layer.GroupName));
            Assert.Equal(layer.GroupName != "规划", layer.IsPublic); // the plans under discrepancy analysis are not published
            Assert.Null(layer.CurrentVersion);
            Assert.Equal(0, layer.FeatureCount);
            Assert.NotEmpty(layer.NameEn);
        }
        Assert.Equal("STBHHX", layers[0].Code);
        Assert.Equal("LineString", layers.Single(l => l.Code == "SX").GeometryType);
        Assert.Equal(layers.OrderBy(l => l.SortOrder).Select(l => l.Code), layers.Select(l => l.Code));
    }

    [Fact]
    public async Task GetLayer_UnknownOrNeverImported()
    {
        await using var scratch = await ScratchDatabase.CreateAsync();
        var store = new LayerStore(scratch.Database);

        Assert.Null(await store.GetLayerAsync("NOPE"));
        Assert.Equal("永久基本农田", (await store.GetLayerAsync("YJJBNTBHTB"))!.NameZh);
        Assert.Null(await store.GetVersionAsync("YJJBNTBHTB"));
        Assert.Empty(await store.ListVersionsAsync("YJJBNTBHTB"));
    }
}
