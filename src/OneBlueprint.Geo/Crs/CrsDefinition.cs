namespace OneBlueprint.Geo.Crs;

internal enum CrsKind { Geographic, GaussKruger, WebMercator }

/// <summary>
/// One coordinate system OneBlueprint knows, as built from its parameters.
/// <see cref="Wkt"/> is the published definition (what <c>projinfo -o WKT1_GDAL</c> says, minus AXIS);
/// <see cref="EngineWkt"/> is what transformations are computed with: WGS 84 and Web Mercator are rebuilt
/// on the CGCS2000 datum because OneBlueprint treats CGCS2000 and WGS 84 as the same frame (they agree to
/// a few centimetres; no published transformation does better without epoch-aware data).
/// </summary>
internal sealed record CrsDefinition(
    int Srid,
    string Name,
    CrsKind Kind,
    GeodeticDatum Datum,
    string Wkt,
    string EngineWkt,
    int? Zone = null,
    bool Prefixed = false)
{
    public bool IsGeographic => Kind == CrsKind.Geographic;

    /// <summary>Central meridian (degrees east) of a Gauss-Krüger system; null for the others.</summary>
    public int? CentralMeridian => Zone is { } z ? CrsCatalog.CentralMeridian(z) : null;

    /// <summary>EPSG code of the geographic (lon/lat) system on the same datum, used as the hub of datum shifts.</summary>
    public int GeographicSrid => GeographicSridOf(Datum);

    public static int GeographicSridOf(GeodeticDatum datum) => datum switch
    {
        GeodeticDatum.Xian1980 => CrsCatalog.Xian1980Geographic,
        GeodeticDatum.Beijing1954 => CrsCatalog.Beijing1954Geographic,
        _ => CrsCatalog.Cgcs2000,
    };
}
