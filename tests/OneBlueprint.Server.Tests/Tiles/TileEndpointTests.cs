using System.Net;

namespace OneBlueprint.Server.Tests.Tiles;

/// <summary>Bad tile addresses are 400 and unknown layers 404, as ProblemDetails.</summary>
[Collection(TileCollection.Name)]
public sealed class TileEndpointTests(TileServerFixture server)
{
    [Theory]
    [InlineData("/tiles/XZQH/21/0/0.mvt")]
    [InlineData("/tiles/XZQH/-1/0/0.mvt")]
    [InlineData("/tiles/XZQH/3/8/0.mvt")]
    [InlineData("/tiles/XZQH/3/0/8.mvt")]
    [InlineData("/tiles/XZQH/a/0/0.mvt")]
    [InlineData("/tiles/XZQH/3/0/1.5.mvt")]
    [InlineData("/tiles/public/99/0/0.mvt")]
    public async Task BadAddress_Is400(string path)
    {
        await EnsureLayerAsync();
        var response = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("tile", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/tiles/NOSUCH/3/0/0.mvt")]
    [InlineData("/tiles/NOSUCH.json")]
    [InlineData("/tiles/STBHHX/3/0/0.mvt")] // in the catalogue, never imported here
    public async Task UnknownLayer_Is404(string path)
    {
        var response = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task EnsureLayerAsync()
    {
        if ((await server.Store.GetVersionAsync("XZQH")) is null)
            await server.ImportAsync("XZQH", [TileServerFixture.Feature(TileServerFixture.Box(113.6, 34.7, 113.7, 34.8), ("XZQMC", "金水区"))]);
    }
}
