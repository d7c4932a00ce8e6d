using OneBlueprint.Engines.Discrepancy.Classification;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Discrepancy;

/// <summary>
/// One side of a two-plan overlay: the plan's features in the working CRS, the attribute holding each feature's land use
/// (TDGHDL, YDXZ, DLBM, …) and how its values become classes.
/// <para>
/// The features must form a coverage: they do not overlap one another (they may share edges). Plans and layer versions
/// are coverages; where a side is not, its overlaps are counted once per feature and area is no longer conserved — the
/// result's balance shows it (run the topology check to find them). Non-polygonal features are skipped with a note.
/// </para>
/// </summary>
public sealed record PlanLayer(string Name, IReadOnlyList<ControlFeature> Features, string Field, LandUseClassification Classification);
