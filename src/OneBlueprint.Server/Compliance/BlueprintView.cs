using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Storage.Compliance;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Compliance;

/// <summary>
/// What one check runs on: a blueprint snapshot (taken once, so a check never sees half an update), the catalogue
/// records of its layer versions (for version numbers and extents), and the rule-bearing layers that have no
/// version at all (not checked; the answer warns about them).
/// </summary>
public sealed record BlueprintView(BlueprintSnapshot Snapshot, IReadOnlyDictionary<long, LayerVersionInfo> Versions, IReadOnlyList<string> MissingLayers)
{
    /// <summary>The extent of the snapshot's layer versions in the working CRS; null when it has none.</summary>
    public Envelope? Extent
    {
        get
        {
            Envelope? extent = null;
            foreach (var layer in Snapshot.Layers)
            {
                if (Versions.GetValueOrDefault(layer.LayerVersionId)?.Bbox is not { IsNull: false } box) continue;
                extent ??= new Envelope();
                extent.ExpandToInclude(box);
            }
            return extent;
        }
    }

    /// <summary>The layer versions of the snapshot with their numbers, in the order the engine reported them.</summary>
    public IReadOnlyList<CheckedLayerVersion> Describe(IEnumerable<(string Code, long VersionId)> used) =>
        used.Select(u => new CheckedLayerVersion(u.Code, u.VersionId, Versions.GetValueOrDefault(u.VersionId)?.Version ?? 0)).ToList();
}
