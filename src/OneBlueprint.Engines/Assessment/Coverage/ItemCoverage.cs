using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Assessment.Registry;

namespace OneBlueprint.Engines.Assessment.Coverage;

/// <summary>
/// The answer for one assessment item: how much of the red line is covered by valid results
/// (<see cref="CoveredAreaM2"/> = area(red line ∩ union of the areas holding a valid result), planar m² in the working
/// CRS; <see cref="CoveredShare"/> = that / the red line's area), the part not covered as geometry, every area result
/// lying under the red line (valid or not), and the verdict: may the project reuse the results (and by which mode, for
/// which approvals), or does it need its own assessment — with the reason.
/// Geometries are null when the caller did not ask for them.
/// </summary>
public sealed record ItemCoverage
{
    public required string ItemCode { get; init; }
    public required string ItemNameZh { get; init; }
    public required string ItemNameEn { get; init; }
    public required CoverageStatus Status { get; init; }
    public required double CoveredAreaM2 { get; init; }
    public required double UncoveredAreaM2 { get; init; }
    public required double CoveredShare { get; init; }
    public Geometry? CoveredPart { get; init; }
    public Geometry? UncoveredPart { get; init; }
    public required IReadOnlyList<ResultSource> Sources { get; init; }
    public required ReuseDecision Decision { get; init; }

    /// <summary>The simplified mode when the results may be reused: the strictest of the results used.</summary>
    public SimplifiedApprovalMode? Mode { get; init; }

    /// <summary>The approval items (审批事项) the verdict is about.</summary>
    public required IReadOnlyList<string> Approvals { get; init; }

    /// <summary>Conditions attached to reuse by the results used (承诺事项, 管控要求).</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];

    public required Explanation Reason { get; init; }

    /// <summary>What else the caller should know: overlapping areas and which result was used there, expired results.</summary>
    public IReadOnlyList<Explanation> Notes { get; init; } = [];
}
