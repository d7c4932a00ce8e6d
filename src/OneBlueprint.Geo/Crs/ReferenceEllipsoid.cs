namespace OneBlueprint.Geo.Crs;

/// <summary>
/// A reference ellipsoid by semi-major axis (metres) and inverse flattening, with the derived constants the
/// area and datum-shift formulas need.
/// </summary>
public sealed record ReferenceEllipsoid(string Name, double SemiMajorAxis, double InverseFlattening, int EpsgCode)
{
    /// <summary>CGCS2000 (EPSG:1024): a = 6378137, 1/f = 298.257222101 (GRS80 to 1e-10 in 1/f).</summary>
    public static readonly ReferenceEllipsoid Cgcs2000 = new("CGCS2000", 6378137.0, 298.257222101, 1024);

    /// <summary>IAG 1975 (EPSG:7049), the Xian 1980 ellipsoid (IAU76 in PROJ): a = 6378140, 1/f = 298.257.</summary>
    public static readonly ReferenceEllipsoid Iag1975 = new("IAG 1975", 6378140.0, 298.257, 7049);

    /// <summary>Krassowsky 1940 (EPSG:7024), the Beijing 1954 ellipsoid: a = 6378245, 1/f = 298.3.</summary>
    public static readonly ReferenceEllipsoid Krassowsky1940 = new("Krassowsky 1940", 6378245.0, 298.3, 7024);

    /// <summary>WGS 84 (EPSG:7030): a = 6378137, 1/f = 298.257223563.</summary>
    public static readonly ReferenceEllipsoid Wgs84 = new("WGS 84", 6378137.0, 298.257223563, 7030);

    public double Flattening => 1.0 / InverseFlattening;

    public double SemiMinorAxis => SemiMajorAxis * (1.0 - Flattening);

    /// <summary>First eccentricity squared, e² = f(2 − f).</summary>
    public double EccentricitySquared => Flattening * (2.0 - Flattening);

    /// <summary>The ellipsoid a datum's coordinates refer to.</summary>
    public static ReferenceEllipsoid Of(GeodeticDatum datum) => datum switch
    {
        GeodeticDatum.Cgcs2000 => Cgcs2000,
        GeodeticDatum.Xian1980 => Iag1975,
        GeodeticDatum.Beijing1954 => Krassowsky1940,
        _ => throw new ArgumentOutOfRangeException(nameof(datum), datum, null),
    };
}
