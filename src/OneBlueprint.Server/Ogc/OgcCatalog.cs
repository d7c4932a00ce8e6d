using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Ogc;

/// <summary>
/// The collections the OGC API serves, read from the data on every request: each catalogue layer that has a current
/// version (non-public layers only for callers with an API key), then <c>redlines</c>. Patches and assessment areas
/// join the list by being imported as catalogue layers, or as one more source here once they have tables of their own.
/// </summary>
public sealed class OgcCatalog(LayerStore layers, LayerFeatureQuery query)
{
    public const string RedLinesId = "redlines";

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
