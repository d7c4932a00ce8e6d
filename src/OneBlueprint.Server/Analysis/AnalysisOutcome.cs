using System.Text.Json.Nodes;
using OneBlueprint.Storage.Analysis;

namespace OneBlueprint.Server.Analysis;

/// <summary>
/// What a job's work produced: its patches (numbers and match left for the runner to fill in) and a summary
/// (totals per class, slivers filtered, conservation check …) stored with the job as it is.
/// </summary>
public sealed record AnalysisOutcome(IReadOnlyList<NewPatch> Patches, JsonObject Summary);
