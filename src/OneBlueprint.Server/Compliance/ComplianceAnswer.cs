using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Compliance;

namespace OneBlueprint.Server.Compliance;

/// <summary>
/// One check's answer as the API and `ob check --json` give it (<see cref="ComplianceJson"/> writes it): the
/// engine's <see cref="Result"/> with what only the caller side knows — the stored id (null when not stored), when and
/// by whom, what was sent, the layer versions with their numbers, the rules set, and warnings about the input
/// (a TXT's declared area that disagrees, merged parcels, rule-bearing layers with no version).
/// </summary>
public sealed record ComplianceAnswer
{
    public long? Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required string InputFormat { get; init; }
    public required string InputName { get; init; }
    public required int InputSrid { get; init; }

    /// <summary>Parcels (features) of the input; the engine's <see cref="RedLineSummary.ParcelCount"/> counts polygons after merging.</summary>
    public required int Parcels { get; init; }

    public required ComplianceResult Result { get; init; }
    public required IReadOnlyList<CheckedLayerVersion> LayerVersions { get; init; }
    public required IReadOnlyList<InputProblem> Warnings { get; init; }
}
