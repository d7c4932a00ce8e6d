using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Ogc;

/// <summary>
/// One OGC API collection: its id (a layer code, or <c>redlines</c>), Chinese title, description, extent in the
/// working SRID (null when empty) and where its features come from.
/// </summary>
public sealed record OgcCollection(string Id, string Title, string Description, Envelope? Extent, IOgcFeatureSource Source);

/// <summary>
/// The features of a collection, filtered and paged in storage. A new kind of collection (差异图斑 patches,
/// 区域评估 assessment areas kept in tables of their own) is one more implementation listed by <see cref="OgcCatalog"/>;
/// anything imported as a catalogue layer is served without code.
/// </summary>
public interface IOgcFeatureSource
{
    Task<FeaturePage> PageAsync(FeatureFilter filter, int limit, int offset, CancellationToken ct);

    /// <summary>The feature with this id, or null when the collection holds none.</summary>
    Task<GeoFeature?> FeatureAsync(long id, CancellationToken ct);

    /// <summary>The names property filters (?NAME=value) may use.</summary>
    Task<IReadOnlySet<string>> PropertyNamesAsync(CancellationToken ct);
}

/// <summary>The current version of a control layer.</summary>
public sealed class LayerVersionSource(LayerFeatureQuery query, long versionId) : IOgcFeatureSource
{
    public Task<FeaturePage> PageAsync(FeatureFilter filter, int limit, int offset, CancellationToken ct) => query.LayerPageAsync(versionId, filter, limit, offset, ct);
    public Task<GeoFeature?> FeatureAsync(long id, CancellationToken ct) => query.LayerFeatureAsync(versionId, id, ct);
    public Task<IReadOnlySet<string>> PropertyNamesAsync(CancellationToken ct) => query.LayerPropertyNamesAsync(versionId, ct);
}

/// <summary>Every project's current red line, one feature per parcel.</summary>
public sealed class RedLineSource(LayerFeatureQuery query) : IOgcFeatureSource
{
    public Task<FeaturePage> PageAsync(FeatureFilter filter, int limit, int offset, CancellationToken ct) => query.RedLinePageAsync(filter, limit, offset, ct);
    public Task<GeoFeature?> FeatureAsync(long id, CancellationToken ct) => query.RedLineFeatureAsync(id, ct);
    public Task<IReadOnlySet<string>> PropertyNamesAsync(CancellationToken ct) => query.RedLinePropertyNamesAsync(ct);
}

/// <summary>The patches of one finished analysis job (差异图斑 or topology findings) with their ledger status.</summary>
public sealed class PatchSource(LayerFeatureQuery query, long jobId) : IOgcFeatureSource
{
    public Task<FeaturePage> PageAsync(FeatureFilter filter, int limit, int offset, CancellationToken ct) => query.PatchPageAsync(jobId, filter, limit, offset, ct);
    public Task<GeoFeature?> FeatureAsync(long id, CancellationToken ct) => query.PatchFeatureAsync(jobId, id, ct);
    public Task<IReadOnlySet<string>> PropertyNamesAsync(CancellationToken ct) => query.PatchPropertyNamesAsync(jobId, ct);
}
