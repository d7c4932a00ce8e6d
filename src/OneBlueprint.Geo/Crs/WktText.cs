using System.Globalization;

namespace OneBlueprint.Geo.Crs;

/// <summary>
/// Writes WKT1 (the OGC 2001 / GDAL dialect ProjNet parses) from parameters, so the ~150 systems are
/// generated rather than pasted. Layout and names follow <c>projinfo EPSG:n -o WKT1_GDAL</c>.
/// </summary>
internal static class WktText
{
    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Authority(int code) => $"AUTHORITY[\"EPSG\",\"{code}\"]";

    public static string Geographic(string name, string datumName, int datumCode, ReferenceEllipsoid ellipsoid, int? srid) =>
        $"GEOGCS[\"{name}\"," +
        $"DATUM[\"{datumName}\",SPHEROID[\"{ellipsoid.Name}\",{N(ellipsoid.SemiMajorAxis)},{N(ellipsoid.InverseFlattening)},{Authority(ellipsoid.EpsgCode)}],{Authority(datumCode)}]," +
        $"PRIMEM[\"Greenwich\",0,{Authority(8901)}]," +
        $"UNIT[\"degree\",0.0174532925199433,{Authority(9122)}]" +
        (srid is { } s ? $",{Authority(s)}" : "") + "]";

    public static string TransverseMercator(string name, string geogcs, double centralMeridian, double falseEasting, int srid) =>
        $"PROJCS[\"{name}\",{geogcs}," +
        "PROJECTION[\"Transverse_Mercator\"]," +
        "PARAMETER[\"latitude_of_origin\",0]," +
        $"PARAMETER[\"central_meridian\",{N(centralMeridian)}]," +
        "PARAMETER[\"scale_factor\",1]," +
        $"PARAMETER[\"false_easting\",{N(falseEasting)}]," +
        "PARAMETER[\"false_northing\",0]," +
        $"UNIT[\"metre\",1,{Authority(9001)}],{Authority(srid)}]";

    /// <summary>
    /// Web Mercator: spherical Mercator on the ellipsoid's semi-major axis. EPSG calls the method
    /// "Popular Visualisation Pseudo Mercator" (GDAL writes Mercator_1SP plus a PROJ4 extension); ProjNet
    /// knows it as "Pseudo-Mercator", and an ellipsoidal Mercator_1SP would be wrong by up to ~20 km in y.
    /// </summary>
    public static string PseudoMercator(string name, string geogcs, int srid) =>
        $"PROJCS[\"{name}\",{geogcs}," +
        "PROJECTION[\"Pseudo-Mercator\"]," +
        "PARAMETER[\"latitude_of_origin\",0]," +
        "PARAMETER[\"central_meridian\",0]," +
        "PARAMETER[\"scale_factor\",1]," +
        "PARAMETER[\"false_easting\",0]," +
        "PARAMETER[\"false_northing\",0]," +
        $"UNIT[\"metre\",1,{Authority(9001)}]," +
        "AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH]," +
        $"{Authority(srid)}]";
}
