using OneBlueprint.Storage.Analysis;

namespace OneBlueprint.Server.Analysis;

/// <summary>
/// The work of one kind of analysis job: reads what it needs (layer versions from PostGIS), runs its engine and
/// returns the patches and a summary. It stores nothing: numbering, matching against the previous run and storing
/// are the runner's (<see cref="AnalysisJobRunner"/>), so every kind gets the same ledger behaviour.
/// </summary>
public interface IAnalysisWork
{
    /// <summary>The job kind this work runs (<see cref="AnalysisJob.DiffKind"/>, <see cref="AnalysisJob.TopologyKind"/>).</summary>
    string Kind { get; }

    /// <summary>The prefix of new patch numbers of this kind (CY for 差异, TP for topology).</summary>
    string NumberPrefix { get; }

    /// <summary>Runs the job; <paramref name="progress"/> takes a fraction 0…1 and a short stage name.</summary>
    Task<AnalysisOutcome> RunAsync(AnalysisJob job, IProgress<(double Fraction, string Stage)> progress, CancellationToken ct);
}
