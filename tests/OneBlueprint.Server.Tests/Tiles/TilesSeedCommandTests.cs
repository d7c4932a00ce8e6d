using OneBlueprint.Server.Tests.Support;

namespace OneBlueprint.Server.Tests.Tiles;

/// <summary>`ob tiles seed` writes the same tiles the server renders, into the cache layout the server reads.</summary>
[Collection(TileCollection.Name)]
public sealed class TilesSeedCommandTests(TileServerFixture server)
{
    [Fact]
    public async Task Seed_WritesTheServersTilesForTheZoomRange()
    {
        var tile = SlippyTile.Containing(113.62, 34.72, 14);
        var box = TileServerFixture.Box(tile.Lon(0.3), tile.Lat(0.7), tile.Lon(0.6), tile.Lat(0.4));
        var version = await server.ImportAsync("CSJSYD", [TileServerFixture.Feature(box, ("名称", "现状城镇"))]);
        var cache = Path.Combine(Path.GetTempPath(), "ob-seed-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await CliRunner.RunWithDatabaseAsync(server.Database.ConnectionString, null,
                "tiles", "seed", "--layer", "CSJSYD", "--zoom", "12-14", "--cache", cache);
            Assert.True(result.ExitCode == 0, result.Error + result.Out);
            var path = Path.Combine(cache, "CSJSYD", $"v{version.VersionId}", "14", tile.X.ToString(), tile.Y + ".mvt");
            Assert.True(File.Exists(path), $"{path} was not written; output: {result.Out}");
            var served = await server.Client.GetByteArrayAsync($"/tiles/CSJSYD/14/{tile.X}/{tile.Y}.mvt");
            Assert.NotEmpty(served);
            Assert.Equal(served, await File.ReadAllBytesAsync(path));
            Assert.Equal(3, Directory.GetDirectories(Path.Combine(cache, "CSJSYD", $"v{version.VersionId}")).Length); // z12, z13, z14

            var bad = await CliRunner.RunWithDatabaseAsync(server.Database.ConnectionString, null,
                "tiles", "seed", "--layer", "CSJSYD", "--zoom", "12-25", "--cache", cache);
            Assert.Equal(2, bad.ExitCode);
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }
}
