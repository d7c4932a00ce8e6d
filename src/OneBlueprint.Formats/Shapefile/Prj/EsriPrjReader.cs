using System.Text.RegularExpressions;
using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Formats.Shapefile.Prj;

/// <summary>
/// Finds the EPSG code of a .prj (ESRI WKT, OGC WKT1 or WKT2) for the systems OneBlueprint speaks:
/// CGCS2000 / Xian 1980 / Beijing 1954 geographic and 3° Gauss-Krüger (zone-prefixed or not), WGS 84 and
/// Web Mercator.
/// <para>
/// In order: an EPSG authority on the CRS itself; for projected systems the projection parameters
/// (Gauss-Krüger or Transverse Mercator, scale 1, central meridian on a 3° zone, false easting 500 000
/// or zone×1 000 000 + 500 000) on a recognised datum, then the ESRI or EPSG name
/// (CGCS2000_3_Degree_GK_CM_114E, "CGCS2000 / 3-degree Gauss-Kruger zone 38", …); for geographic
/// systems the datum name, then the ellipsoid. Parameters win over names because they are what the
/// coordinates were computed with.
/// </para>
/// </summary>
public static partial class EsriPrjReader
{
    private enum Datum { Cgcs2000, Xian1980, Beijing1954, Wgs84 }

    public static PrjIdentity Identify(string wkt)
    {
        var root = WktNode.TryParse(wkt.Trim().TrimStart('\uFEFF'));
        if (root is null) return new PrjIdentity(null, null);
        var name = root.Name;

        var authority = root.Child("AUTHORITY", "ID");
        if (authority?.Name is { } auth && auth.Equals("EPSG", StringComparison.OrdinalIgnoreCase)
            && authority.Children.Count > 1 && ParseCode(authority.Children[1]) is { } code)
            return new PrjIdentity(code, name);

        if (root.Is("PROJCS", "PROJCRS", "PROJECTEDCRS"))
        {
            var geographic = root.Child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS", "GEOGCRS", "GEODCRS");
            var (datum, byEllipsoid) = geographic is null ? (null, false) : IdentifyDatum(geographic);
            if (IsWebMercator(root)) return new PrjIdentity(CrsCatalog.WebMercator, name);
            var srid = FromParameters(root, datum) ?? FromName(name, datum);
            return new PrjIdentity(srid, name, srid is not null && byEllipsoid);
        }
        if (root.Is("GEOGCS", "GEOGCRS", "GEODCRS", "GEOGRAPHICCRS"))
        {
            var (datum, byEllipsoid) = IdentifyDatum(root);
            int? srid = datum switch
            {
                Datum.Cgcs2000 => CrsCatalog.Cgcs2000,
                Datum.Xian1980 => CrsCatalog.Xian1980Geographic,
                Datum.Beijing1954 => CrsCatalog.Beijing1954Geographic,
                Datum.Wgs84 => CrsCatalog.Wgs84,
                _ => null,
            };
            return new PrjIdentity(srid, name, srid is not null && byEllipsoid);
        }
        return new PrjIdentity(null, name);
    }

    private static int? ParseCode(object value) => value switch
    {
        double d when d == Math.Floor(d) && d is > 0 and < int.MaxValue => (int)d,
        string s when int.TryParse(s, out var i) => i,
        _ => null,
    };

    private static (Datum?, bool ByEllipsoid) IdentifyDatum(WktNode geographic)
    {
        var datumNode = geographic.Descendants().FirstOrDefault(n => n.Is("DATUM", "TRF", "GEODETICDATUM", "ENSEMBLE"));
        var datumName = Normalise(datumNode?.Name);
        if (datumName.Contains("CHINA2000") || datumName.Contains("CGCS2000") || datumName.Contains("CHINAGEODETICCOORDINATESYSTEM2000"))
            return (Datum.Cgcs2000, false);
        if (datumName.Contains("XIAN1980")) return (Datum.Xian1980, false);
        if (datumName.Contains("BEIJING1954")) return (Datum.Beijing1954, false);
        if (datumName.Contains("WGS1984") || datumName.Contains("WGS84") || datumName.Contains("WORLDGEODETICSYSTEM1984"))
            return (Datum.Wgs84, false);

        var ellipsoid = geographic.Descendants().FirstOrDefault(n => n.Is("SPHEROID", "ELLIPSOID"));
        if (ellipsoid?.Number(1) is not { } a || ellipsoid.Number(2) is not { } rf) return (null, false);
        Datum? byShape = (a, rf) switch
        {
            _ when Near(a, 6378137) && Near(rf, 298.257222101) => Datum.Cgcs2000,
            _ when Near(a, 6378137) && Near(rf, 298.257223563) => Datum.Wgs84,
            _ when Near(a, 6378140) && Near(rf, 298.257) => Datum.Xian1980,
            _ when Near(a, 6378245) && Near(rf, 298.3) => Datum.Beijing1954,
            _ => null,
        };
        return (byShape, byShape is not null);
    }

    private static bool IsWebMercator(WktNode root)
    {
        var name = Normalise(root.Name);
        var method = Normalise((root.Child("PROJECTION") ?? root.Descendants().FirstOrDefault(n => n.Is("METHOD")))?.Name);
        return name.Contains("WEBMERCATOR") || name.Contains("PSEUDOMERCATOR")
               || method.Contains("MERCATORAUXILIARYSPHERE") || method.Contains("POPULARVISUALISATIONPSEUDOMERCATOR");
    }

    private static int? FromParameters(WktNode root, Datum? datum)
    {
        if (datum is null or Datum.Wgs84) return null;
        var method = Normalise((root.Child("PROJECTION") ?? root.Descendants().FirstOrDefault(n => n.Is("METHOD")))?.Name);
        if (!(method.Contains("GAUSSKRUGER") || method.Contains("TRANSVERSEMERCATOR"))) return null;

        var parameters = new Dictionary<string, double>();
        foreach (var p in root.Descendants().Where(n => n.Is("PARAMETER")))
            if (p.Number(1) is { } value) parameters[Normalise(p.Name)] = value;
        double? Get(params string[] names) => names.Select(n => parameters.TryGetValue(n, out var v) ? v : (double?)null).FirstOrDefault(v => v is not null);

        var cm = Get("CENTRALMERIDIAN", "LONGITUDEOFNATURALORIGIN", "LONGITUDEOFORIGIN");
        var fe = Get("FALSEEASTING");
        var fn = Get("FALSENORTHING") ?? 0;
        var k = Get("SCALEFACTOR", "SCALEFACTORATNATURALORIGIN") ?? 1;
        var lat0 = Get("LATITUDEOFORIGIN", "LATITUDEOFNATURALORIGIN") ?? 0;
        if (cm is null || fe is null || !Near(k, 1) || !Near(fn, 0) || !Near(lat0, 0)) return null;
        var unit = root.Child("UNIT", "LENGTHUNIT")?.Number(1);
        if (unit is not null && !Near(unit.Value, 1)) return null;
        if (!Near(cm.Value, Math.Round(cm.Value)) || (int)Math.Round(cm.Value) % 3 != 0) return null;

        var zone = (int)Math.Round(cm.Value) / 3;
        if (zone < CrsCatalog.FirstZone || zone > CrsCatalog.LastZone) return null;
        bool prefixed;
        if (Near(fe.Value, 500_000)) prefixed = false;
        else if (Near(fe.Value, zone * 1_000_000.0 + 500_000)) prefixed = true;
        else return null;
        return CrsCatalog.GaussKrugerSrid(ToGeodetic(datum.Value), zone, prefixed);
    }

    private static int? FromName(string? name, Datum? datumFromGeographic)
    {
        if (name is null) return null;
        var match = GaussKrugerName().Match(name);
        if (!match.Success) return null;
        var datumName = Normalise(match.Groups["datum"].Value);
        GeodeticDatum datum = datumName.Contains("XIAN") ? GeodeticDatum.Xian1980
            : datumName.Contains("BEIJING") ? GeodeticDatum.Beijing1954
            : GeodeticDatum.Cgcs2000;
        if (datumFromGeographic is { } d && d != Datum.Wgs84 && ToGeodetic(d) != datum) return null; // name and datum disagree
        int zone;
        bool prefixed;
        if (match.Groups["cm"].Success)
        {
            var cm = int.Parse(match.Groups["cm"].Value);
            if (cm % 3 != 0) return null;
            (zone, prefixed) = (cm / 3, false);
        }
        else (zone, prefixed) = (int.Parse(match.Groups["zone"].Value), true);
        return zone is >= CrsCatalog.FirstZone and <= CrsCatalog.LastZone ? CrsCatalog.GaussKrugerSrid(datum, zone, prefixed) : null;
    }

    private static GeodeticDatum ToGeodetic(Datum datum) => datum switch
    {
        Datum.Xian1980 => GeodeticDatum.Xian1980,
        Datum.Beijing1954 => GeodeticDatum.Beijing1954,
        _ => GeodeticDatum.Cgcs2000,
    };

    private static bool Near(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(b));

    private static string Normalise(string? text) =>
        text is null ? "" : new string(text.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    // ESRI: CGCS2000_3_Degree_GK_CM_114E, Xian_1980_3_Degree_GK_Zone_38; EPSG: "Beijing 1954 / 3-degree Gauss-Kruger CM 114E".
    [GeneratedRegex(@"^(?<datum>CGCS[\W_]*2000|China[\W_]*(Geodetic[\W_]*Coordinate[\W_]*System[\W_]*)?2000|Xian[\W_]*1980|Beijing[\W_]*1954)[\W_]*3[\W_]*Degree[\W_]*(GK|Gauss[\W_]*Kr[uü]ger)[\W_]*(CM[\W_]*(?<cm>\d+)[\W_]*E|Zone[\W_]*(?<zone>\d+))$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GaussKrugerName();
}
