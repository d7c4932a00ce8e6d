using NetTopologySuite.Geometries;
using OneBlueprint.Server.Tests.Tiles;

namespace OneBlueprint.Server.Tests.Raster;

[CollectionDefinition(Name)]
public sealed class RasterCollection : ICollectionFixture<TileServerFixture>
{
    public const string Name = "Raster";
}

/// <summary>
/// The one small layer the raster tests draw: HP (湖泊/水面, filled in the catalogue's style) as a
/// 0.1° square at 113.60–113.70° E, 34.70–34.80° N with a 0.02° square hole in its middle.
/// </summary>
public static class RasterLayer
{
    public const string Code = "HP";
    public static readonly Envelope Outer = new(113.60, 113.70, 34.70, 34.80);
    public static readonly Envelope Hole = new(113.64, 113.66, 34.74, 34.76);

    private static readonly SemaphoreSlim Once = new(1, 1);

    public static async Task EnsureAsync(TileServerFixture server)
    {
        await Once.WaitAsync();
        try
        {
            if (await server.Store.GetVersionAsync(Code) is null)
                await server.ImportAsync(Code, [TileServerFixture.Feature(TileServerFixture.Box(113.60, 34.70, 113.70, 34.80, Hole), ("MC", "测试湖"))]);
        }
        finally
        {
            Once.Release();
        }
    }
}
