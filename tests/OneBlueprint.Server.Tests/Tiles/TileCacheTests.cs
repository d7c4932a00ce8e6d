using System.Net;
using System.Net.Http.Headers;

namespace OneBlueprint.Server.Tests.Tiles;

/// <summary>The disk cache: keyed by layer version, served on the second request, replaced by a new import.</summary>
[Collection(TileCollection.Name)]
public sealed class TileCacheTests(TileServerFixture server)
{
    private static readonly SlippyTile Tile = SlippyTile.Containing(113.70, 34.80, 15);

    private string PathOf(long versionId) => Path.Combine(server.CacheRoot, "HX", $"v{versionId}", "15", Tile.X.ToString(), Tile.Y + ".mvt");

    private async Task<HttpResponseMessage> GetAsync(string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/tiles/HX/{Tile.Z}/{Tile.X}/{Tile.Y}.mvt");
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(ifNoneMatch));
        return await server.Client.SendAsync(request);
    }

    [Fact]
    public async Task Cache_SecondRequestFromDiskAndNewVersionReplacesTheOld()
    {
        var box = TileServerFixture.Box(Tile.Lon(0.2), Tile.Lat(0.8), Tile.Lon(0.6), Tile.Lat(0.3));
        var v1 = await server.ImportAsync("HX", [TileServerFixture.Feature(box, ("名称", "变电站"))]);

        var first = await GetAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("miss", first.Headers.GetValues("X-Tile-Cache").Single());
        Assert.True(File.Exists(PathOf(v1.VersionId)), "the rendered tile was written to " + PathOf(v1.VersionId));
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(bytes);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(PathOf(v1.VersionId)));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(PathOf(v1.VersionId))!, "*.tmp"));

        var second = await GetAsync();
        Assert.Equal("hit", second.Headers.GetValues("X-Tile-Cache").Single());
        Assert.Equal(bytes, await second.Content.ReadAsByteArrayAsync());
        var etag = second.Headers.ETag!.Tag;
        Assert.Equal(first.Headers.ETag!.Tag, etag);
        Assert.Contains("max-age", second.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(etag)).StatusCode);

        // a new import: new folder, new ETag, new content; the old version's folder is gone
        var moved = TileServerFixture.Box(Tile.Lon(0.5), Tile.Lat(0.9), Tile.Lon(0.9), Tile.Lat(0.5));
        var v2 = await server.ImportAsync("HX", [TileServerFixture.Feature(moved, ("名称", "变电站（迁建）"))]);
        var third = await GetAsync(etag);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal("miss", third.Headers.GetValues("X-Tile-Cache").Single());
        Assert.NotEqual(etag, third.Headers.ETag!.Tag);
        Assert.NotEqual(bytes, await third.Content.ReadAsByteArrayAsync());
        Assert.True(File.Exists(PathOf(v2.VersionId)));
        Assert.False(Directory.Exists(Path.Combine(server.CacheRoot, "HX", $"v{v1.VersionId}")), "the old version's tiles were removed");
    }
}
