using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Ogc;

/// <summary>
/// The collections the OGC API serves, read from the data on every request: each catalogue layer that has a current
/// version (non-public layers only for callers with an API key); for callers with a key, the patches of the newest
/// finished discrepancy analysis (<c>patches</c>) and topology check (<c>topology-findings</c>); then <c>redlines</c>.
/// </summary>
public sealed class OgcCatalog(LayerStore layers, LayerFeatureQuery query)
{
    public const string RedLinesId = "redlines";
    public const string PatchesId = "patches";
    public const string TopologyId = "topology-findings";

    public int WorkingSrid => layers.WorkingSrid;

    public async Task<IReadOnlyList<OgcCollection>> ListAsync(bool withKey, CancellationToken ct)
    {
        var list = new List<OgcCollection>();
        foreach (var layer in await layers.ListLayersAsync(ct))
            if (layer.CurrentVersionId is long versionId && (layer.IsPublic || withKey))
                list.Add(new OgcCollection(layer.Code, layer.NameZh,
                    $"{layer.NameEn} ({layer.GroupName}), version {layer.CurrentVersion}, {layer.FeatureCount} features." +
                    (layer.Description is { Length: > 0 } d ? " " + d : ""),
                    layer.Bbox, new LayerVersionSource(query, versionId)));
        if (withKey) // patches are the city's working data, not published
        {
            if (await query.LatestPatchesAsync("diff", ct) is { } diff)
                list.Add(new OgcCollection(PatchesId, "差异图斑",
                    $"Discrepancy patches of the newest finished analysis (job {diff.JobId}, {diff.Series}): {diff.Patches} patches with DKBH, CYLXDM, ledger status (ZT) and both plans' values.",
                    diff.Extent, new PatchSource(query, diff.JobId)));
            if (await query.LatestPatchesAsync("topology", ct) is { } topology)
                list.Add(new OgcCollection(TopologyId, "拓扑问题图斑",
                    $"Findings of the newest finished topology check (job {topology.JobId}, {topology.Series}): {topology.Patches} overlaps, gaps, invalid features and 三线 conflicts.",
                    topology.Extent, new PatchSource(query, topology.JobId)));
        }
        list.Add(new OgcCollection(RedLinesId, "项目用地红线",
            "Project red lines: the latest revision of every project's red line, one feature per parcel (地块), with the project's code, name and category.",
            await query.RedLineExtentAsync(ct), new RedLineSource(query)));
        return list;
    }

    /// <summary>The collection, or a 404 ProblemDetails naming the ones there are.</summary>
    public async Task<OgcCollection> GetAsync(string id, bool withKey, CancellationToken ct)
    {
        var all = await ListAsync(withKey, ct);
        return all.FirstOrDefault(c => c.Id == id)
            ?? throw new InputException(InputProblem.Error("ogc.collection", $"there is no collection '{id}'", null,
                $"GET /ogc/collections lists them: {string.Join(", ", all.Select(c => c.Id))}."), 404);
    }
}
