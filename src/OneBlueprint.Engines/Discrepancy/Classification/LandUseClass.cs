namespace OneBlueprint.Engines.Discrepancy.Classification;

/// <summary>
/// A class a plan's land-use code is mapped to (建设用地, 非建设用地, or any class a deployment defines). Two parts of the
/// plans agree where their classes have the same <see cref="Name"/> (ordinal comparison). <see cref="Construction"/>
/// says whether the class is construction land (建设用地): when both sides know it, the patch gets a CYLXDM
/// (<see cref="DiscrepancyType"/>); null means "not a construction/non-construction class" (as-is values, unclassified codes).
/// </summary>
public sealed record LandUseClass(string Name, bool? Construction);
