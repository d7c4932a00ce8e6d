using System.Globalization;
using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Formats.Shapefile.Prj;

/// <summary>
/// ESRI WKT for a .prj, for the EPSG codes OneBlueprint speaks. The texts are exactly what PROJ 9 prints
/// for <c>projinfo EPSG:n -o WKT1_ESRI</c>; GDAL (checked with <c>gdalsrsinfo -e</c>) and ArcGIS map
/// them back to the same EPSG code, so ESRI WKT is written rather than OGC WKT1 with an AUTHORITY.
/// </summary>
public static class EsriPrjWriter
{
    private const string Tail = ",PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    /// <summary>The .prj text for an EPSG code, or null when we have none for it.</summary>
    public static string? ToEsriWkt(int srid)
    {
        switch (srid)
        {
            case CrsCatalog.Cgcs2000: return Geographic(GeodeticDatum.Cgcs2000);
            case CrsCatalog.Xian1980Geographic: return Geographic(GeodeticDatum.Xian1980);
            case CrsCatalog.Beijing1954Geographic: return Geographic(GeodeticDatum.Beijing1954);
            case CrsCatalog.Wgs84: return Wgs84;
            case CrsCatalog.WebMercator:
                return "PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\"," + Wgs84 +
                       ",PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0]," +
                       "PARAMETER[\"Central_Meridian\",0.0],PARAMETER[\"Standard_Parallel_1\",0.0],PARAMETER[\"Auxiliary_Sphere_Type\",0.0],UNIT[\"Meter\",1.0]]";
        }
        if (CrsCatalog.DescribeGaussKruger(srid) is not { } gk) return null;
        var cm = CrsCatalog.CentralMeridian(gk.Zone);
        var prefix = gk.Datum switch
        {
            GeodeticDatum.Xian1980 => "Xian_1980",
            GeodeticDatum.Beijing1954 => "Beijing_1954",
            _ => "CGCS2000",
        };
        var name = gk.Prefixed ? $"{prefix}_3_Degree_GK_Zone_{gk.Zone}" : $"{prefix}_3_Degree_GK_CM_{cm}E";
        var falseEasting = gk.Prefixed ? gk.Zone * 1_000_000.0 + 500_000 : 500_000.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"PROJCS[\"{name}\",{Geographic(gk.Datum)},PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",{falseEasting:0.0}]," +
            $"PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",{cm:0.0}],PARAMETER[\"Scale_Factor\",1.0]," +
            $"PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]");
    }

    private static string Wgs84 => "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]" + Tail;

    private static string Geographic(GeodeticDatum datum) => datum switch
    {
        GeodeticDatum.Xian1980 => "GEOGCS[\"GCS_Xian_1980\",DATUM[\"D_Xian_1980\",SPHEROID[\"Xian_1980\",6378140.0,298.257]]" + Tail,
        GeodeticDatum.Beijing1954 => "GEOGCS[\"GCS_Beijing_1954\",DATUM[\"D_Beijing_1954\",SPHEROID[\"Krasovsky_1940\",6378245.0,298.3]]" + Tail,
        _ => "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]]" + Tail,
    };
}
