namespace OneBlueprint.Engines.Discrepancy.Results;

/// <summary>
/// Totals of one 差异类型 (CYLXDM): the area where the plans agree on the class (no patch) and the patches (classes differ
/// but fall in this type, e.g. 城镇用地 vs 村庄 are both construction: type 1), with the slivers filtered.
/// </summary>
public sealed record TypeTotal(
    string Cylxdm,
    string NameZh,
    bool Conflict,
    double AgreedAreaM2,
    int Patches,
    double PatchAreaM2,
    double PatchEllipsoidalAreaM2,
    int Slivers,
    double SliverAreaM2)
{
    /// <summary>Everything of this type: agreed + patches + slivers.</summary>
    public double AllAreaM2 => AgreedAreaM2 + PatchAreaM2 + SliverAreaM2;
}
