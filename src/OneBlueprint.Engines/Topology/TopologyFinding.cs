using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Topology;

/// <summary>
/// One thing wrong with a layer or between the 三线, shaped so it can be stored as a patch (图斑): a kind
/// (<see cref="TopologyKinds"/>), the features involved, a geometry in the layer's SRID and its planar and
/// ellipsoidal area.
/// <list type="bullet">
/// <item><see cref="TopologyKinds.Invalid"/>: one feature; <see cref="Geometry"/> is a point at the error's location
/// (<see cref="Location"/>, <see cref="LonLat"/>); <see cref="Reason"/> is IsValidOp's message (the same words as
/// PostGIS ST_IsValidReason) and <see cref="ReasonCode"/> our code (geometry.self_intersection, …); no area.</item>
/// <item><see cref="TopologyKinds.Overlap"/> and the three 三线 kinds: two features (in the kind's order, e.g. redline
/// then farmland); the shared area as a Polygon or MultiPolygon.</item>
/// <item><see cref="TopologyKinds.Gap"/>: the features around the hole (in layer order); the hole as a Polygon;
/// <see cref="WidthM"/> its maximum inscribed circle's diameter.</item>
/// </list>
/// <see cref="Number"/> is the 1-based position in the result; results list findings in a deterministic order
/// (by kind, then by the features' order in the input), independent of thread timing.
/// </summary>
public sealed record TopologyFinding
{
    public required int Number { get; init; }
    public required string Kind { get; init; }
    public string KindName => TopologyKinds.ChineseName(Kind);
    public required IReadOnlyList<TopologyFeatureRef> Features { get; init; }
    public required Geometry Geometry { get; init; }

    /// <summary>Planar area (in the layer's GK zone) and ellipsoidal area (CGCS2000); null for invalid features.</summary>
    public AreaMeasure? Area { get; init; }

    public string? Reason { get; init; }
    public string? ReasonCode { get; init; }

    /// <summary>Where the error is, in the coordinates that were validated (x = easting/longitude).</summary>
    public Coordinate? Location { get; init; }

    /// <summary>The same place as CGCS2000 longitude/latitude (x = lon, y = lat).</summary>
    public Coordinate? LonLat { get; init; }

    /// <summary>Gaps: diameter of the largest circle inside the hole, metres.</summary>
    public double? WidthM { get; init; }
}
