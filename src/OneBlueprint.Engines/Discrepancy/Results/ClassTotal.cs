namespace OneBlueprint.Engines.Discrepancy.Results;

/// <summary>
/// Totals of one kind and class pair: patches kept (count, planar and ellipsoidal area) and slivers filtered (count,
/// area). For <see cref="PartKind.Agreed"/> only <see cref="AreaM2"/> is filled (agreed parts are not patches). One-sided
/// rows have the other side's class null. <see cref="AllAreaM2"/> = kept + filtered: what a plain overlay sums.
/// </summary>
public sealed record ClassTotal(
    PartKind Kind,
    string? ClassA,
    string? ClassB,
    string? Cylxdm,
    int Patches,
    double AreaM2,
    double? EllipsoidalAreaM2,
    int Slivers,
    double SliverAreaM2)
{
    public double AllAreaM2 => AreaM2 + SliverAreaM2;
}
