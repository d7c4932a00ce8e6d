namespace OneBlueprint.Storage.Layers;

/// <summary>What <c>GeoFeature.Id</c> holds for features read from the store.</summary>
public enum FeatureIdentity
{
    /// <summary>The stored feature id (ob.layer_feature.id), unique across all versions; the default.</summary>
    Stored,
    /// <summary>The id the source file gave the feature (GeoJSON id, FID, 地块编号), for exports.</summary>
    Source,
}
