using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Server.Tiles;

/// <summary>
/// Tile features of a control layer straight from the in-memory blueprint the compliance checks already hold, so a
/// cold tile of a control layer costs no database round trip (at z15–z16 the round trip alone is longer than the
/// whole render). Used only when the blueprint holds exactly the version the tile is keyed by and indexed every one
/// of its features; otherwise the tile comes from PostGIS (<see cref="TileFeatureQuery"/>).
/// </summary>
public static class BlueprintTileFeatures
{
    /// <summary>The index that can stand in for PostGIS for <paramref name="layer"/>, or null.</summary>
    public static ControlLayerIndex? IndexFor(BlueprintCache? blueprint, TileLayerSource layer) =>
        blueprint?.Current[layer.Code] is { } index && index.LayerVersionId == layer.VersionId && index.SkippedFeatureCount == 0
            ? index
            : null;

    /// <summary>
    /// The features whose box meets <paramref name="envelope"/> (working CRS), in id order, leaving out those smaller
    /// than <see cref="TileDetail.MinSize"/> in both directions — the same selection <see cref="TileFeatureQuery"/> makes
    /// in SQL. Geometries are the index's own: the renderer must copy them (ownsGeometries: false) and simplify them.
    /// </summary>
    public static List<TileFeature> Read(ControlLayerIndex index, Envelope envelope, TileDetail detail)
    {
        var ordinals = index.FeaturesInBox(envelope);
        var features = new List<TileFeature>(ordinals.Length);
        foreach (var ordinal in ordinals)
        {
            var feature = index.Features[ordinal];
            var box = feature.Geometry.EnvelopeInternal;
            if (detail.MinSize > 0 && box.Width < detail.MinSize && box.Height < detail.MinSize) continue;
            features.Add(new TileFeature((ulong)feature.Id, feature.Geometry, feature.Attributes));
        }
        return features;
    }
}
