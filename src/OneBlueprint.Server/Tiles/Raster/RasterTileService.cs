using OneBlueprint.Geo.Crs;
using NetTopologySuite.Geometries;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Tiles.Raster;

/// <summary>
/// PNG tiles of one styled layer in a <see cref="RasterGrid"/>. The layer, its current version and its style
/// come from <see cref="TileService"/>'s catalogue snapshot; features from <see cref="LayerStore"/> through
/// the working-CRS envelope of the buffered tile cut down to the layer's extent (the same outline transform
/// as the vector tiles, so far-away tiles never touch the database); the PNG is cached by layer version.
/// </summary>
public sealed class RasterTileService(TileService tiles, LayerStore store, RasterTileCache cache, ILogger<RasterTileService> log)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(long, int), Envelope> _extents = new();

    public TileService Tiles => tiles;

    /// <summary>The catalogue entry of a layer with an imported version, or null.</summary>
    public async Task<LayerInfo?> LayerAsync(string code, CancellationToken ct) =>
        (await tiles.CatalogueAsync(ct)).FirstOrDefault(l => l.Code == code && l.CurrentVersionId is not null);

    /// <summary>A tile from the cache, or rendered and cached. The address must be valid for the grid.</summary>
    public async Task<TileResult> GetAsync(LayerInfo layer, RasterGrid grid, int z, int x, int y, CancellationToken ct)
    {
        var version = layer.CurrentVersionId!.Value;
        var etag = $"\"{layer.Code}-v{version}-{grid.Id}-{z}-{x}-{y}\"";
        var path = cache.PathOf(grid, layer.Code, version, z, x, y);
        if (await cache.TryReadAsync(path, ct) is { } cached) return new TileResult(cached, etag, true);
        var png = await RenderAsync(layer, grid, z, x, y, ct);
        try
        {
            await cache.WriteAsync(grid, layer.Code, version, path, png, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.LogWarning(ex, "raster tile cache write failed for {Layer} {Grid} {Z}/{X}/{Y}; serving it anyway", layer.Code, grid.Id, z, x, y);
        }
        return new TileResult(png, etag, false);
    }

    public async Task<byte[]> RenderAsync(LayerInfo layer, RasterGrid grid, int z, int x, int y, CancellationToken ct)
    {
        var style = RasterStyle.From(layer.Style);
        var envelope = QueryEnvelope(layer, grid, z, x, y);
        IReadOnlyList<OneBlueprint.Geo.Features.GeoFeature> features = envelope is null
            ? []
            : await store.QueryFeaturesAsync(layer.CurrentVersionId!.Value, envelope, int.MaxValue, 0, ct);
        return RasterTileRenderer.Render(features, tiles.WorkingSrid, grid, z, x, y, style);
    }

    /// <summary>The working-CRS box holding everything the tile shows; null when the tile misses the layer.</summary>
    private Envelope? QueryEnvelope(LayerInfo layer, RasterGrid grid, int z, int x, int y)
    {
        if (layer.Bbox is null) return null;
        var extent = _extents.GetOrAdd((layer.CurrentVersionId!.Value, grid.Srid),
            _ => EnvelopeReprojection.Transform(layer.Bbox, tiles.WorkingSrid, grid.Srid));
        var tile = grid.Bounds(z, x, y);
        tile.ExpandBy(RasterTileRenderer.BufferPixels * grid.Resolution(z));
        var wanted = tile.Intersection(extent);
        if (wanted.IsNull) return null;
        var envelope = EnvelopeReprojection.Transform(wanted, grid.Srid, tiles.WorkingSrid);
        envelope.ExpandBy(Math.Max(envelope.Width, envelope.Height) * 1e-6 + 0.01); // rounding margin, metres
        return envelope;
    }
}
