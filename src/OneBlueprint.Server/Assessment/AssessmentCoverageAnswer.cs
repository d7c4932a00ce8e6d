using OneBlueprint.Engines.Assessment.Coverage;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Assessment;

/// <summary>
/// A coverage look-up done: the engine's report, what the red line was (name, format, the CRS it was read in, parcel
/// count), what the reader and the checks noticed without refusing it, and the reuse record written for a project
/// (null when no project was named or nothing may be reused).
/// </summary>
public sealed record AssessmentCoverageAnswer(
    CoverageReport Report,
    string InputName,
    string InputFormat,
    int InputSrid,
    int Parcels,
    IReadOnlyList<InputProblem> Warnings,
    long? UsageId);
