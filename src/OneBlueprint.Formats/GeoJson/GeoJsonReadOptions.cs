using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>How the GeoJSON reader decides the coordinate system and how strict it is.</summary>
public sealed record GeoJsonReadOptions
{
    /// <summary>
    /// Takes this SRID whatever the file says (a legacy "crs" member is then ignored with a warning).
    /// Use it for files known to be in another CRS that do not declare it ("crs=EPSG:4547" in the API).
    /// </summary>
    public int? ForceSrid { get; init; }

    /// <summary>
    /// SRID of a file without a "crs" member. RFC 7946 says WGS 84 lon/lat; OneBlueprint takes it as
    /// CGCS2000 lon/lat (EPSG:4490), which agrees with WGS 84 within centimetres.
    /// </summary>
    public int DefaultSrid { get; init; } = CrsCatalog.Cgcs2000;

    /// <summary>Reject longitudes beyond ±180 and latitudes beyond ±90 when the SRID is geographic.</summary>
    public bool CheckCoordinateRange { get; init; } = true;

    /// <summary>Warn (once per file) when coordinates carry far more decimals than survey precision.</summary>
    public bool WarnExcessivePrecision { get; init; } = true;

    /// <summary>Errors listed in an <see cref="Geo.Problems.InputException"/>; more are counted, not listed.</summary>
    public int MaxErrors { get; init; } = 50;

    public static GeoJsonReadOptions Default { get; } = new();
}
