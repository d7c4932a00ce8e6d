using NetTopologySuite.Geometries;

namespace OneBlueprint.Engines.Indexing;

/// <summary>
/// One feature of a control layer version as the engines see it: the storage id of the feature, its geometry in the
/// working CRS (polygonal; other geometry is skipped with a note when indexed) and its attributes (DKBH, KCXS, …),
/// passed through unchanged to results.
/// </summary>
public sealed record ControlFeature(long Id, Geometry Geometry, IReadOnlyDictionary<string, object?> Attributes)
{
    private static readonly IReadOnlyDictionary<string, object?> NoAttributes = new Dictionary<string, object?>();

    public ControlFeature(long id, Geometry geometry) : this(id, geometry, NoAttributes) { }
}
