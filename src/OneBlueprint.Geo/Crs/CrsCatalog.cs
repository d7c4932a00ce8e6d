namespace OneBlueprint.Geo.Crs;

/// <summary>
/// EPSG codes of the systems OneBlueprint speaks, and the arithmetic between zones and codes.
/// 3° Gauss-Krüger zones 25–45 (central meridians 75°E–135°E): with the zone number prefixed to the
/// easting (false easting zone×1,000,000+500,000) and without it (false easting 500,000).
/// </summary>
public static class CrsCatalog
{
    public const int Cgcs2000 = 4490;
    public const int Xian1980Geographic = 4610;
    public const int Beijing1954Geographic = 4214;
    public const int Wgs84 = 4326;
    public const int WebMercator = 3857;

    /// <summary>The default working CRS: CGCS2000 3° GK, CM 114°E, no zone prefix (central Henan).</summary>
    public const int DefaultWorking = 4547;

    public const int FirstZone = 25;
    public const int LastZone = 45;

    /// <summary>EPSG code of the 3° GK system of a datum and zone; prefixed means the easting carries the zone number.</summary>
    public static int GaussKrugerSrid(GeodeticDatum datum, int zone, bool prefixed)
    {
        if (zone < FirstZone || zone > LastZone)
            throw new ArgumentOutOfRangeException(nameof(zone), zone, $"3° zones run from {FirstZone} to {LastZone} (75°E–135°E)");
        var first = (datum, prefixed) switch
        {
            (GeodeticDatum.Cgcs2000, true) => 4513,
            (GeodeticDatum.Cgcs2000, false) => 4534,
            (GeodeticDatum.Xian1980, true) => 2349,
            (GeodeticDatum.Xian1980, false) => 2370,
            (GeodeticDatum.Beijing1954, true) => 2401,
            _ => 2422,
        };
        return first + zone - FirstZone;
    }

    /// <summary>Reverse of <see cref="GaussKrugerSrid"/>; null when the code is not a 3° GK system we know.</summary>
    public static (GeodeticDatum Datum, int Zone, bool Prefixed)? DescribeGaussKruger(int srid)
    {
        foreach (var datum in Enum.GetValues<GeodeticDatum>())
        foreach (var prefixed in new[] { true, false })
        {
            var first = GaussKrugerSrid(datum, FirstZone, prefixed);
            if (srid >= first && srid <= first + LastZone - FirstZone)
                return (datum, FirstZone + srid - first, prefixed);
        }
        return null;
    }

    /// <summary>Central meridian (degrees east) of a 3° zone.</summary>
    public static int CentralMeridian(int zone) => zone * 3;

    /// <summary>
    /// The zone number carried by an 8-digit prefixed easting (e.g. 38465650.000 → 38), or null when the
    /// easting has no plausible prefix (a 6-digit easting around 500,000 is unprefixed).
    /// </summary>
    public static int? ZoneFromEasting(double easting)
    {
        if (easting < FirstZone * 1_000_000.0 || easting >= (LastZone + 1) * 1_000_000.0) return null;
        return (int)Math.Floor(easting / 1_000_000.0);
    }
}
