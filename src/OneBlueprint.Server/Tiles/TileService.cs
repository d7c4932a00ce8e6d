using System.Diagnostics;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Tiles;

/// <summary>
/// Answers tile requests: finds the layer's current version in the catalogue (a snapshot kept for
/// <see cref="CatalogueSeconds"/>, so cached tiles cost no database round trip), serves the disk cache,
/// or renders the tile (features of a control layer from the in-memory blueprint when it holds that version, see
/// <see cref="BlueprintTileFeatures"/>; otherwise from PostGIS through the working-CRS envelope of the buffered tile, below z14
/// without those smaller than a pixel and pre-simplified there, see <see cref="TileDetail"/>; then
/// <see cref="TileRenderer"/>) and caches it. The public composite has one MVT layer per public layer,
/// named by layer code.
/// </summary>
public sealed class TileService
{
    private readonly LayerStore _store;
    private readonly TileFeatureQuery? _query;
    private readonly ILogger<TileService> _log;
    private readonly TimeSpan _catalogueAge;
    private (IReadOnlyList<LayerInfo> Layers, long Stamp)? _catalogue;

    private readonly BlueprintCache? _blueprint;

    public TileService(LayerStore store, TileCache cache, ILogger<TileService> log, double catalogueSeconds = 2, TileFeatureQuery? query = null,
        BlueprintCache? blueprint = null)
    {
        _store = store;
        _query = query;
        _blueprint = blueprint;
        Cache = cache;
        _log = log;
        _catalogueAge = TimeSpan.FromSeconds(Math.Max(0, catalogueSeconds));
    }

    public const string PublicName = "public";

    public TileCache Cache { get; }

    public double CatalogueSeconds => _catalogueAge.TotalSeconds;

    public int WorkingSrid => _store.WorkingSrid;

    /// <summary>The catalogue, at most <see cref="CatalogueSeconds"/> old.</summary>
    public async Task<IReadOnlyList<LayerInfo>> CatalogueAsync(CancellationToken ct)
    {
        var snapshot = _catalogue;
        if (snapshot is { } s && Stopwatch.GetElapsedTime(s.Stamp) < _catalogueAge) return s.Layers;
        var layers = await _store.ListLayersAsync(ct);
        _catalogue = (layers, Stopwatch.GetTimestamp());
        return layers;
    }

    /// <summary>A layer with its current version, or null when there is no such layer or it was never imported.</summary>
    public async Task<TileLayerSource?> LayerAsync(string code, CancellationToken ct) =>
        (await CatalogueAsync(ct)).FirstOrDefault(l => l.Code == code) is { CurrentVersionId: long id } layer
            ? new TileLayerSource(layer.Code, layer.NameZh, id, layer.Bbox)
            : null;

    /// <summary>The public layers that have a version, in catalogue order.</summary>
    public async Task<IReadOnlyList<TileLayerSource>> PublicLayersAsync(CancellationToken ct) =>
        (await CatalogueAsync(ct)).Where(l => l.IsPublic && l.CurrentVersionId is not null)
            .Select(l => new TileLayerSource(l.Code, l.NameZh, l.CurrentVersionId!.Value, l.Bbox)).ToList();

    public static string VersionKey(IEnumerable<TileLayerSource> layers) => string.Join('-', layers.Select(l => l.VersionId));

    /// <summary>A tile from the cache, or rendered and cached. <paramref name="name"/> is the layer code or "public".</summary>
    public async Task<TileResult> GetAsync(string name, IReadOnlyList<TileLayerSource> layers, TileAddress tile, CancellationToken ct)
    {
        var key = VersionKey(layers);
        var etag = $"\"{name}-v{key}-{tile.Z}-{tile.X}-{tile.Y}\"";
        if (await Cache.TryReadAsync(name, key, tile, ct) is { } cached) return new TileResult(cached, etag, true);
        var bytes = await RenderAsync(layers, tile, ct);
        try
        {
            await Cache.WriteAsync(name, key, tile, bytes, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning(ex, "tile cache write failed for {Layer} {Tile}; serving the rendered tile anyway", name, tile);
        }
        return new TileResult(bytes, etag, false);
    }

    /// <summary>Renders a tile without the cache: one MVT layer per source layer with features in it.</summary>
    public async Task<byte[]> RenderAsync(IReadOnlyList<TileLayerSource> layers, TileAddress tile, CancellationToken ct, TileRenderTimes? times = null)
    {
        var builders = new List<MvtLayerBuilder>(layers.Count);
        foreach (var layer in layers)
        {
            var builder = new MvtLayerBuilder(layer.Code);
            builders.Add(builder);
            var envelope = QueryEnvelope(layer, tile);
            if (envelope is null) continue;
            var t0 = Stopwatch.GetTimestamp();
            long t1;
            int count, repaired, skipped;
            if (BlueprintTileFeatures.IndexFor(_blueprint, layer) is { } index)
            {
                var features = BlueprintTileFeatures.Read(index, envelope, TileDetail.For(tile));
                t1 = Stopwatch.GetTimestamp();
                count = features.Count;
                (repaired, skipped) = TileRenderer.AddFeatures(builder, features, WorkingSrid, tile);
            }
            else
            {
                var detail = _query is not null ? TileDetail.For(tile) : TileDetail.Full;
                IReadOnlyList<OneBlueprint.Geo.Features.GeoFeature> features = _query is not null
                    ? await _query.ReadAsync(layer.VersionId, envelope, detail, ct)
                    : await _store.QueryFeaturesAsync(layer.VersionId, envelope, int.MaxValue, 0, ct);
                t1 = Stopwatch.GetTimestamp();
                count = features.Count;
                (repaired, skipped) = TileRenderer.AddFeatures(builder, features, WorkingSrid, tile, ownsGeometries: true,
                    simplified: detail.SimplifyTolerance > 0);
            }
            if (times is not null)
            {
                times.FetchTicks += t1 - t0;
                times.DrawTicks += Stopwatch.GetTimestamp() - t1;
                times.Features += count;
            }
            if (repaired + skipped > 0)
                _log.LogWarning("tile {Layer} {Tile}: {Repaired} invalid geometries repaired, {Skipped} skipped", layer.Code, tile, repaired, skipped);
        }
        return MvtTileWriter.Write(builders);
    }

    /// <summary><see cref="QueryEnvelope(Envelope?, TileAddress, int)"/> with the layer's Mercator extent kept per version.</summary>
    public Envelope? QueryEnvelope(TileLayerSource layer, TileAddress tile)
    {
        if (layer.Bbox is null) return null;
        var mercator = _mercatorExtents.GetOrAdd(layer.VersionId, _ => EnvelopeReprojection.Transform(layer.Bbox, WorkingSrid, 3857));
        return QueryEnvelope(mercator, tile, WorkingSrid, mercatorExtent: true);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, Envelope> _mercatorExtents = new();

    /// <summary>
    /// The working-CRS box to ask PostGIS for: the buffered tile cut down to the layer's extent (so far-away
    /// tiles never go through a Gauss-Krüger projection outside its zone), its outline densified and
    /// transformed. Null when the tile cannot hold any of the layer.
    /// </summary>
    public static Envelope? QueryEnvelope(Envelope? layerBbox, TileAddress tile, int workingSrid, bool mercatorExtent = false)
    {
        if (layerBbox is null) return null;
        var layerMercator = mercatorExtent ? layerBbox : EnvelopeReprojection.Transform(layerBbox, workingSrid, 3857);
        var wanted = tile.BufferedBounds(TileRenderer.Buffer, TileRenderer.Extent).Intersection(layerMercator);
        if (wanted.IsNull) return null;
        // 4 points a side: the box is the buffered tile, so an edge bent by the projection can only miss a sliver of the
        // 64-unit buffer no client draws (and the margin below covers rounding); a quarter of the reprojection work.
        var envelope = EnvelopeReprojection.Transform(wanted, 3857, workingSrid, pointsPerSide: 4);
        envelope.ExpandBy(Math.Max(envelope.Width, envelope.Height) * 1e-6 + 0.01); // rounding margin, metres
        return envelope;
    }

}
