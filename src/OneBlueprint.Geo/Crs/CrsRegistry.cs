using System.Collections.Frozen;

namespace OneBlueprint.Geo.Crs;

/// <summary>
/// The coordinate systems OneBlueprint can name, define and transform between, built from parameters
/// (ProjNet has no EPSG database). Definitions match PROJ 9's EPSG database: 3° Gauss-Krüger zones are
/// Transverse Mercator with latitude of origin 0, scale 1, false northing 0 and false easting 500,000
/// (plus zone×1,000,000 when prefixed).
/// <list type="bullet">
/// <item>CGCS2000: geographic 4490; 3° GK prefixed 4513–4533 (zones 25–45), unprefixed 4534–4554 (CM 75°E–135°E).</item>
/// <item>Xian 1980 (IAG 1975 ellipsoid): geographic 4610; 3° GK 2349–2369 / 2370–2390.</item>
/// <item>Beijing 1954 (Krassowsky 1940): geographic 4214; 3° GK 2401–2421 / 2422–2442.</item>
/// <item>WGS 84 geographic 4326 and Web Mercator 3857 (both treated as CGCS2000, see <see cref="Reprojector"/>).</item>
/// </list>
/// Axis order: the WKT carries no AXIS for geographic and GK systems; OneBlueprint always uses
/// x = easting/longitude, y = northing/latitude, whatever EPSG's axis order says.
/// Every member except <see cref="IsKnown"/> throws <see cref="CrsException"/> for an unsupported code.
/// </summary>
public static class CrsRegistry
{
    /// <summary>The supported codes as one sentence, for error messages.</summary>
    public const string SupportedRanges =
        "EPSG:4490 (CGCS2000 lon/lat), 4513–4533 and 4534–4554 (CGCS2000 3° Gauss-Krüger, zone-prefixed and CM 75°E–135°E), " +
        "4610, 2349–2369 and 2370–2390 (Xian 1980 lon/lat and 3° GK), " +
        "4214, 2401–2421 and 2422–2442 (Beijing 1954 lon/lat and 3° GK), 4326 (WGS 84) and 3857 (Web Mercator)";

    private static readonly FrozenDictionary<int, CrsDefinition> Definitions = Build().ToFrozenDictionary(d => d.Srid);

    /// <summary>Every supported EPSG code, ascending.</summary>
    public static IReadOnlyList<int> All { get; } = Definitions.Keys.Order().ToArray();

    public static bool IsKnown(int srid) => Definitions.ContainsKey(srid);

    /// <summary>True for lon/lat systems (4490, 4610, 4214, 4326).</summary>
    public static bool IsGeographic(int srid) => Get(srid).IsGeographic;

    /// <summary>True for 3° Gauss-Krüger systems of any datum, prefixed or not.</summary>
    public static bool IsGaussKruger(int srid) => Get(srid).Kind == CrsKind.GaussKruger;

    /// <summary>EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E".</summary>
    public static string Name(int srid) => Get(srid).Name;

    /// <summary>WKT1 definition ProjNet parses (GDAL dialect, with AUTHORITY, without AXIS).</summary>
    public static string Wkt(int srid) => Get(srid).Wkt;

    /// <summary>The datum a system's coordinates refer to; WGS 84 and Web Mercator count as CGCS2000.</summary>
    public static GeodeticDatum Datum(int srid) => Get(srid).Datum;

    internal static CrsDefinition Get(int srid) =>
        Definitions.TryGetValue(srid, out var definition)
            ? definition
            : throw new CrsException($"EPSG:{srid} is not a coordinate system OneBlueprint supports. Supported: {SupportedRanges}.", srid);

    private static IEnumerable<CrsDefinition> Build()
    {
        var cgcs = WktText.Geographic("China Geodetic Coordinate System 2000", "China_2000", 1043, ReferenceEllipsoid.Cgcs2000, CrsCatalog.Cgcs2000);
        var xian = WktText.Geographic("Xian 1980", "Xian_1980", 6610, ReferenceEllipsoid.Iag1975, CrsCatalog.Xian1980Geographic);
        var beijing = WktText.Geographic("Beijing 1954", "Beijing_1954", 6214, ReferenceEllipsoid.Krassowsky1940, CrsCatalog.Beijing1954Geographic);
        var wgs84 = WktText.Geographic("WGS 84", "WGS_1984", 6326, ReferenceEllipsoid.Wgs84, CrsCatalog.Wgs84);

        yield return new(CrsCatalog.Cgcs2000, "China Geodetic Coordinate System 2000", CrsKind.Geographic, GeodeticDatum.Cgcs2000, cgcs, cgcs);
        yield return new(CrsCatalog.Xian1980Geographic, "Xian 1980", CrsKind.Geographic, GeodeticDatum.Xian1980, xian, xian);
        yield return new(CrsCatalog.Beijing1954Geographic, "Beijing 1954", CrsKind.Geographic, GeodeticDatum.Beijing1954, beijing, beijing);
        yield return new(CrsCatalog.Wgs84, "WGS 84", CrsKind.Geographic, GeodeticDatum.Cgcs2000, wgs84, cgcs);

        const string mercatorName = "WGS 84 / Pseudo-Mercator";
        yield return new(CrsCatalog.WebMercator, mercatorName, CrsKind.WebMercator, GeodeticDatum.Cgcs2000,
            WktText.PseudoMercator(mercatorName, wgs84, CrsCatalog.WebMercator),
            WktText.PseudoMercator(mercatorName, cgcs, CrsCatalog.WebMercator));

        foreach (var (datum, prefix, geogcs) in new[]
                 {
                     (GeodeticDatum.Cgcs2000, "CGCS2000", cgcs),
                     (GeodeticDatum.Xian1980, "Xian 1980", xian),
                     (GeodeticDatum.Beijing1954, "Beijing 1954", beijing),
                 })
        foreach (var prefixed in new[] { true, false })
        for (var zone = CrsCatalog.FirstZone; zone <= CrsCatalog.LastZone; zone++)
        {
            var srid = CrsCatalog.GaussKrugerSrid(datum, zone, prefixed);
            var centralMeridian = CrsCatalog.CentralMeridian(zone);
            var name = prefixed
                ? $"{prefix} / 3-degree Gauss-Kruger zone {zone}"
                : $"{prefix} / 3-degree Gauss-Kruger CM {centralMeridian}E";
            var falseEasting = (prefixed ? zone * 1_000_000.0 : 0.0) + 500_000.0;
            var wkt = WktText.TransverseMercator(name, geogcs, centralMeridian, falseEasting, srid);
            yield return new(srid, name, CrsKind.GaussKruger, datum, wkt, wkt, zone, prefixed);
        }
    }
}
