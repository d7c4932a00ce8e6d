using OneBlueprint.Engines.Assessment.Registry;

namespace OneBlueprint.Engines.Assessment.Coverage;

/// <summary>An area that holds a clicked point, with each of its results and whether it is valid on the day asked about.</summary>
public sealed record PointMatch(AssessmentArea Area, IReadOnlyList<(AssessedItem Item, ValidityState State)> Items);
