namespace OneBlueprint.Server.Tiles;

/// <summary>
/// Where a render's time went, for benchmarks: fetching the features (PostGIS query, transfer, EWKB decode,
/// attributes) and drawing them (reprojection, clip, simplify, encode), in <see cref="System.Diagnostics.Stopwatch"/>
/// ticks, summed over the render's layers. Filled by <see cref="TileService.RenderAsync"/> when passed one.
/// </summary>
public sealed class TileRenderTimes
{
    public long FetchTicks { get; set; }
    public long DrawTicks { get; set; }
    public int Features { get; set; }
}
