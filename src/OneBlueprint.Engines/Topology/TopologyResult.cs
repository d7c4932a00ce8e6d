using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// What a topology check found: the findings in a deterministic order, totals per kind, and what was left out
/// (holes wider than the gap width, findings at or below the minimum area) so nothing disappears silently.
/// <see cref="Notes"/> says how the data was treated (invalid features analysed as repaired, features skipped).
/// </summary>
public sealed record TopologyResult
{
    /// <summary>The layer code, or the three codes joined by "+" for a 三线 check.</summary>
    public required string Layer { get; init; }
    public required int Srid { get; init; }
    public required int FeatureCount { get; init; }
    public required IReadOnlyList<TopologyFinding> Findings { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The gap width in force (null: every hole counted as a gap).</summary>
    public double? MaxGapWidthM { get; init; }

    /// <summary>Enclosed holes wider than <see cref="MaxGapWidthM"/>: counted, not reported as gaps.</summary>
    public int WideHoleCount { get; init; }
    public double WideHoleAreaM2 { get; init; }

    /// <summary>Overlaps, gaps and conflicts dropped because their area was at most the minimum area.</summary>
    public int FilteredCount { get; init; }
    public double FilteredAreaM2 { get; init; }

    public IEnumerable<TopologyFinding> OfKind(string kind) => Findings.Where(f => f.Kind == kind);

    public int Count(string kind) => Findings.Count(f => f.Kind == kind);

    /// <summary>Σ planar and Σ ellipsoidal area of the findings of one kind (zero for none).</summary>
    public AreaMeasure TotalArea(string kind)
    {
        double planar = 0, ellipsoidal = 0;
        foreach (var f in OfKind(kind))
        {
            if (f.Area is not { } a) continue;
            planar += a.PlanarM2;
            ellipsoidal += a.EllipsoidalM2;
        }
        return new AreaMeasure(planar, ellipsoidal, Srid);
    }
}
