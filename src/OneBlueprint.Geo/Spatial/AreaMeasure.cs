namespace OneBlueprint.Geo.Spatial;

/// <summary>
/// The two areas Chinese land statistics report side by side: planar (投影面积, in a 3° Gauss-Krüger system,
/// <see cref="PlanarSrid"/>) and ellipsoidal (椭球面积, on the CGCS2000 ellipsoid). Both in m², with hectare
/// and 亩 views.
/// </summary>
public sealed record AreaMeasure(double PlanarM2, double EllipsoidalM2, int PlanarSrid)
{
    public double PlanarHa => AreaUnits.ToHectares(PlanarM2);
    public double PlanarMu => AreaUnits.ToMu(PlanarM2);
    public double EllipsoidalHa => AreaUnits.ToHectares(EllipsoidalM2);
    public double EllipsoidalMu => AreaUnits.ToMu(EllipsoidalM2);
}
