using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Engines.Compliance.Results;

/// <summary>
/// The red line as analysed: planar area in the working CRS (m², exact double, not rounded, to compare with
/// PostGIS ST_Area), ellipsoidal area on CGCS2000 (椭球面积; computed only when geometry was asked for, null
/// otherwise), the number of parcels of the input and whether it had to be repaired.
/// </summary>
public sealed record RedLineSummary
{
    public required double AreaM2 { get; init; }
    public double AreaHa => AreaUnits.ToHectares(AreaM2);
    public double AreaMu => AreaUnits.ToMu(AreaM2);
    public double? AreaEllipsoidalM2 { get; init; }
    public required double BoundaryLengthM { get; init; }
    public required int ParcelCount { get; init; }
    public required int Srid { get; init; }
    public required bool Repaired { get; init; }
}
