namespace OneBlueprint.Storage.Compliance;

/// <summary>
/// A layer version a check was computed on: <see cref="VersionId"/> is the ob.layer_version id (what the engine
/// records), <see cref="Version"/> the per-layer number people read.
/// </summary>
public sealed record CheckedLayerVersion(string Code, long VersionId, int Version);
