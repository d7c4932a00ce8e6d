using NetTopologySuite.Geometries;

namespace OneBlueprint.Storage.Compliance;

/// <summary>
/// A part of a checked red line for one layer, in the working SRID: <see cref="Kind"/> "overlap" (the red line ∩ the
/// layer's features) or "outside" (the red line beyond the urban development boundary), with that layer's verdict and
/// rule and the part's planar area. <see cref="Judged"/> marks the part the verdict was judged on (the outside part of
/// an outside-measured layer, the overlap of the others): the conflict export takes those.
/// </summary>
public sealed record CompliancePart(string LayerCode, string Kind, string Verdict, string RuleId, double AreaM2, bool Judged, Geometry Geometry)
{
    public const string Overlap = "overlap";
    public const string Outside = "outside";
}
