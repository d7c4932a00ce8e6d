namespace OneBlueprint.Server.Compliance;

/// <summary>
/// How far the server's blueprint index is (shown by /health/ready): <see cref="State"/> "loading" until the first
/// complete load, then "ready" (later refresh failures keep it ready on the versions it has, with
/// <see cref="LastError"/> set); "failed" when the first load failed (it is retried).
/// </summary>
public sealed record BlueprintStatus(
    string State,
    IReadOnlyList<BlueprintStatus.LoadedLayer> Layers,
    IReadOnlyList<string> MissingLayers,
    DateTimeOffset? LoadedAt,
    DateTimeOffset? CheckedAt,
    string? LastError)
{
    public const string Loading = "loading";
    public const string Ready = "ready";
    public const string Failed = "failed";

    public static BlueprintStatus Initial { get; } = new(Loading, [], [], null, null, null);

    public bool IsLoaded => State == Ready;

    /// <summary>One layer version held in memory.</summary>
    public sealed record LoadedLayer(string Code, long LayerVersionId, int Version, int Features, int Pieces, int InvalidFeatures, double LoadSeconds);
}
