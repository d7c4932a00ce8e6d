namespace OneBlueprint.Engines.Discrepancy.Results;

/// <summary>
/// Conservation of one plan's area: <see cref="AreaM2"/> (Σ of its features' planar areas, invalid features that were
/// overlaid counted as repaired: <see cref="RepairChangeM2"/> is what that changed) must equal agreed parts +
/// differing patches + its one-sided parts + slivers filtered on its side, within <see cref="Tolerance"/> relative. The
/// overlay computes each term separately (pair intersections, differences), so the balance checks the overlay; it fails
/// when the plan's features overlap one another (not a coverage) or an overlay failed (see the notes).
/// </summary>
public sealed record SideBalance(
    string Name,
    int Features,
    int SkippedFeatures,
    double AreaM2,
    double AgreedM2,
    double DifferM2,
    double OneSidedM2,
    double SliverM2,
    double RepairChangeM2,
    double ResidualM2)
{
    public const double Tolerance = 1e-6;

    public double RelativeResidual => AreaM2 > 0 ? Math.Abs(ResidualM2) / AreaM2 : Math.Abs(ResidualM2);

    public bool Conserved => RelativeResidual <= Tolerance;
}
