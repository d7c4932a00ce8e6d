namespace OneBlueprint.Geo.Spatial;

/// <summary>Area unit conversions used throughout: 1 ha = 10,000 m², 1 亩 = 10,000/15 m².</summary>
public static class AreaUnits
{
    public const double SquareMetresPerHectare = 10_000.0;
    public const double SquareMetresPerMu = 10_000.0 / 15.0;

    public static double ToHectares(double m2) => m2 / SquareMetresPerHectare;
    public static double ToMu(double m2) => m2 / SquareMetresPerMu;
}
