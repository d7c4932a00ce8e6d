using NetTopologySuite.Geometries;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// One feature of a layer under check: an id unique within the layer (a stored feature id, DKBH, a GeoJSON id or a
/// record number), a name for people (XZQMC, DKMC, the DataV "name"; null when the layer has none) and its polygonal
/// geometry in the layer's metric CRS. Non-polygonal or empty geometries are skipped with a note.
/// </summary>
public sealed record TopologyFeature(string Id, string? Name, Geometry Geometry)
{
    /// <summary>Attributes tried, in order, for the name when the caller names none: the first any feature of the layer has.</summary>
    public static readonly IReadOnlyList<string> NameFieldCandidates = ["name", "NAME", "Name", "名称", "XZQMC", "MC", "DKMC", "DKBH"];
}
