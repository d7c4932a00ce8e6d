using System.Text.Json.Nodes;

namespace OneBlueprint.Storage.Analysis;

/// <summary>
/// One analysis job (ob.analysis_job): a discrepancy overlay or a topology check of the blueprint, run in the
/// background. <see cref="State"/> moves queued → running → done | failed | cancelled and never back;
/// <see cref="Percent"/> and <see cref="Stage"/> say how far a running job is.
/// </summary>
public sealed record AnalysisJob(
    long Id,
    string Kind,
    string Series,
    JsonObject Params,
    string State,
    double Percent,
    string? Stage,
    string? Error,
    JsonNode? Summary,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public const string DiffKind = "diff";
    public const string TopologyKind = "topology";

    public bool IsFinished => State is Done or Failed or Cancelled;
}
