using OneBlueprint.Server.Tests.Support;
using System.Globalization;
using System.Net;
using OneBlueprint.Server.Tests.Tiles;

namespace OneBlueprint.Server.Tests.Raster;

/// <summary>
/// PNG tiles decoded here (<see cref="RgbaPng"/>) and sampled at pixels found with tile formulas written in
/// this file: the catalogue's fill colour and opacity inside the polygon, transparent in its hole and outside.
/// </summary>
[Collection(RasterCollection.Name)]
public sealed class RasterTileRenderingTests(TileServerFixture server)
{
    public static TheoryData<string> Grids => new() { "mercator", "cgcs2000" };

    [Theory]
    [MemberData(nameof(Grids))]
    public async Task Tile_FillsPolygonWithCatalogueColour(string grid)
    {
        await RasterLayer.EnsureAsync(server);
        var (r, g, b, a) = await ExpectedFillAsync();
        foreach (var (lon, lat) in new[] { (113.62, 34.72), (113.68, 34.78), (113.65, 34.71) })
        {
            var pixel = await PixelAsync(grid, 11, lon, lat);
            Assert.True(Near(pixel.A, a) && Near(pixel.R, r) && Near(pixel.G, g) && Near(pixel.B, b),
                $"{grid} pixel at {lon},{lat} is {pixel}, expected the fill ({r},{g},{b},{a})");
        }
    }

    [Theory]
    [MemberData(nameof(Grids))]
    public async Task Tile_LeavesHoleAndOutsideTransparent(string grid)
    {
        await RasterLayer.EnsureAsync(server);
        foreach (var (lon, lat) in new[] { (113.65, 34.75), (113.55, 34.75), (113.75, 34.75), (113.65, 34.85) })
        {
            var pixel = await PixelAsync(grid, 11, lon, lat);
            Assert.True(pixel.A == 0, $"{grid} pixel at {lon},{lat} should be transparent, is {pixel}");
        }
    }

    [Fact]
    public async Task Tile_IsCachedByLayerVersion()
    {
        await RasterLayer.EnsureAsync(server);
        var (x, y, _, _) = Mercator(11, 113.62, 34.72);
        var path = $"/tiles/raster/{RasterLayer.Code}/11/{x}/{y}.png";
        var first = await server.Client.GetAsync(path);
        var second = await server.Client.GetAsync(path);
        Assert.Equal("image/png", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal("hit", second.Headers.GetValues("X-Tile-Cache").Single());
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        var version = (await server.Store.GetVersionAsync(RasterLayer.Code))!;
        Assert.True(File.Exists(Path.Combine(server.CacheRoot, "raster", "GoogleMapsCompatible", RasterLayer.Code, "v" + version.Id, "11", $"{x}", $"{y}.png")));
        var png = RgbaPng.Decode(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal((256, 256), (png.Width, png.Height));

        // Kept for a human look: the hole's tile in both grids.
        var folder = Directory.CreateDirectory(Path.Combine(Page.Support.WebBuild.RepositoryRoot, "TestResults", "raster")).FullName;
        var (gx, gy, _, _) = Geographic(11, 113.65, 34.75);
        var (mx, my, _, _) = Mercator(11, 113.65, 34.75);
        await File.WriteAllBytesAsync(Path.Combine(folder, "HP-mercator-11.png"), await server.Client.GetByteArrayAsync($"/tiles/raster/HP/11/{mx}/{my}.png"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "HP-cgcs2000-11.png"), await server.Client.GetByteArrayAsync($"/tiles/raster/HP/cgcs2000/11/{gx}/{gy}.png"));
    }

    /// <summary>A new version moves the layer's tiles to a new cache folder and they show the new geometry (CZKFBJ: dashed outline, faint fill).</summary>
    [Fact]
    public async Task NewVersion_IsDrawnAndOldCacheDropped()
    {
        var (x, y, px, py) = Mercator(12, 113.905, 34.905);
        var path = $"/tiles/raster/CZKFBJ/12/{x}/{y}.png";
        await server.ImportAsync("CZKFBJ", [TileServerFixture.Feature(TileServerFixture.Box(113.80, 34.80, 113.85, 34.85))]);
        Assert.Equal(0, RgbaPng.Decode(await server.Client.GetByteArrayAsync(path))[px, py].A);
        var folder = Path.Combine(server.CacheRoot, "raster", "GoogleMapsCompatible", "CZKFBJ");
        var before = Directory.GetDirectories(folder).Single();

        await server.ImportAsync("CZKFBJ", [TileServerFixture.Feature(TileServerFixture.Box(113.90, 34.90, 113.91, 34.91))]);
        var response = await server.Client.GetAsync(path);
        Assert.Equal("miss", response.Headers.GetValues("X-Tile-Cache").Single());
        var style = (await server.Store.ListLayersAsync()).Single(l => l.Code == "CZKFBJ").Style;
        var alpha = (int)Math.Round(style["fillOpacity"]!.GetValue<double>() * 255);
        Assert.True(Near(RgbaPng.Decode(await response.Content.ReadAsByteArrayAsync())[px, py].A, alpha));
        Assert.DoesNotContain(before, Directory.GetDirectories(folder));
    }

    [Theory]
    [InlineData("/tiles/raster/HP/21/0/0.png", 400)]
    [InlineData("/tiles/raster/HP/3/8/0.png", 400)]
    [InlineData("/tiles/raster/HP/cgcs2000/0/0/0.png", 400)]
    [InlineData("/tiles/raster/HP/cgcs2000/1/0/1.png", 400)] // level 1 has one row
    [InlineData("/tiles/raster/HP/cgcs2000/1/2/0.png", 400)]
    [InlineData("/tiles/raster/NOSUCH/3/0/0.png", 404)]
    public async Task BadTile_IsProblem(string path, int status)
    {
        await RasterLayer.EnsureAsync(server);
        var response = await server.Client.GetAsync(path);
        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The catalogue's straight RGBA fill of the layer, from its style JSON read through the storage API.</summary>
    private async Task<(int R, int G, int B, int A)> ExpectedFillAsync()
    {
        var style = (await server.Store.ListLayersAsync()).Single(l => l.Code == RasterLayer.Code).Style;
        var hex = style["fill"]!.GetValue<string>();
        var rgb = int.Parse(hex[1..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var opacity = style["fillOpacity"]?.GetValue<double>() ?? 1;
        return ((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, (int)Math.Round(opacity * 255));
    }

    private static bool Near(int actual, int expected) => Math.Abs(actual - expected) <= 3; // premultiplied rounding

    private async Task<(byte R, byte G, byte B, byte A)> PixelAsync(string grid, int z, double lon, double lat)
    {
        var (x, y, px, py) = grid == "mercator" ? Mercator(z, lon, lat) : Geographic(z, lon, lat);
        var path = grid == "mercator"
            ? $"/tiles/raster/{RasterLayer.Code}/{z}/{x}/{y}.png"
            : $"/tiles/raster/{RasterLayer.Code}/cgcs2000/{z}/{x}/{y}.png";
        var response = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return RgbaPng.Decode(await response.Content.ReadAsByteArrayAsync())[px, py];
    }

    /// <summary>Slippy-map formulas (OSM wiki): tile and pixel of a lon/lat at zoom z.</summary>
    public static (int X, int Y, int Px, int Py) Mercator(int z, double lon, double lat)
    {
        var n = Math.Pow(2, z);
        var rad = lat * Math.PI / 180;
        var fx = (lon + 180) / 360 * n;
        var fy = (1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n;
        return ((int)fx, (int)fy, (int)((fx - Math.Floor(fx)) * 256), (int)((fy - Math.Floor(fy)) * 256));
    }

    /// <summary>天地图 "c" grid: level z tiles are 180°/2^(z−1) wide, columns from 180° W, rows from 90° N.</summary>
    public static (int X, int Y, int Px, int Py) Geographic(int z, double lon, double lat)
    {
        var span = 180 / Math.Pow(2, z - 1);
        var fx = (lon + 180) / span;
        var fy = (90 - lat) / span;
        return ((int)fx, (int)fy, (int)((fx - Math.Floor(fx)) * 256), (int)((fy - Math.Floor(fy)) * 256));
    }
}
