using System.Globalization;
using System.Text.RegularExpressions;
using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>
/// The coordinate-system side of GeoJSON. RFC 7946 allows only WGS 84 longitude/latitude; OneBlueprint
/// treats CGCS2000 longitude/latitude (EPSG:4490) as the same, since the two realisations agree within a
/// few centimetres in China, far below the precision of planning data. Files in any other CRS carry the
/// legacy 2008 "crs" member (<c>{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}}</c>),
/// which GDAL writes and reads and QGIS honours.
/// </summary>
public static partial class GeoJsonCrs
{
    /// <summary>SRIDs written as plain RFC 7946 GeoJSON, without a "crs" member.</summary>
    public static bool IsRfc7946(int? srid) => srid is null or CrsCatalog.Cgcs2000 or CrsCatalog.Wgs84;

    /// <summary>
    /// Geographic (degree) systems we know; for them coordinates must stay within ±180/±90. Codes not in
    /// this list are taken as projected (metres) and are not range-checked.
    /// </summary>
    public static bool IsGeographic(int? srid) => srid is null
        or CrsCatalog.Cgcs2000 or CrsCatalog.Wgs84 or CrsCatalog.Xian1980Geographic or CrsCatalog.Beijing1954Geographic
        or 4269 /* NAD83 */ or 4258 /* ETRS89 */ or 4283 /* GDA94 */ or 7844 /* GDA2020 */;

    /// <summary>The URN GDAL writes in a legacy "crs" member for an EPSG code.</summary>
    public static string LegacyName(int srid) => string.Create(CultureInfo.InvariantCulture, $"urn:ogc:def:crs:EPSG::{srid}");

    /// <summary>
    /// SRID of a legacy crs name: "EPSG:4547", "urn:ogc:def:crs:EPSG::4547", "urn:ogc:def:crs:EPSG:6.6:4547",
    /// "http://www.opengis.net/def/crs/EPSG/0/4547", and OGC CRS84 (lon/lat WGS 84 → 4326). Null if not understood.
    /// </summary>
    public static int? ParseName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        name = name.Trim();
        if (name.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase)) return CrsCatalog.Wgs84;
        var match = EpsgPattern().Match(name);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code : null;
    }

    [GeneratedRegex(@"EPSG(?::|/)(?:[0-9.]*(?::|/))?([0-9]{4,6})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EpsgPattern();

    /// <summary>
    /// A hint, for a coordinate outside ±180/±90, about which CRS it is probably in: swapped latitude/longitude,
    /// a zone-prefixed or unprefixed 3° Gauss-Krüger easting, or Web Mercator metres.
    /// </summary>
    internal static string GuessFromOutOfRange(double x, double y)
    {
        if (Math.Abs(x) <= 90 && Math.Abs(y) > 90 && Math.Abs(y) <= 180)
            return "They look like latitude, longitude in the wrong order: GeoJSON wants longitude first ([lon, lat]); swap the two numbers of every position.";
        if (CrsCatalog.ZoneFromEasting(x) is { } zone && y is > 1_000_000 and < 6_000_000)
        {
            var srid = CrsCatalog.GaussKrugerSrid(GeodeticDatum.Cgcs2000, zone, prefixed: true);
            return $"They look like projected metres with the 3° zone number {zone} in front of the easting (CGCS2000 EPSG:{srid}; Xian 1980 or Beijing 1954 have other codes): " +
                   $"declare it with \"crs\": {{\"type\": \"name\", \"properties\": {{\"name\": \"EPSG:{srid}\"}}}} or pass crs=EPSG:{srid}.";
        }
        if (x is > 100_000 and < 900_000 && y is > 1_000_000 and < 6_000_000)
            return "They look like 3° Gauss-Krüger metres without zone prefix (e.g. CGCS2000 EPSG:4546/4547/4548 for central meridians 111°/114°/117°E in Henan): " +
                   "declare the CRS with a \"crs\" member {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:4547\"}} or pass crs=EPSG:… .";
        if (Math.Abs(x) <= 20_037_509 && Math.Abs(y) <= 20_048_967)
            return "They look like projected metres (Web Mercator EPSG:3857 if they came from a web map): declare the CRS with a \"crs\" member or pass crs=EPSG:… .";
        return "Send longitude/latitude degrees (EPSG:4490), or declare the CRS the numbers are in with a \"crs\" member or crs=EPSG:… .";
    }
}
