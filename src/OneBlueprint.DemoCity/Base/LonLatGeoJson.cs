using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.DemoCity.Base;

/// <summary>
/// Reads the lon/lat GeoJSON base files of shared/data with OneBlueprint's own GeoJSON reader. They
/// declare no CRS; the set comes back labelled EPSG:4490 whatever the truth is — the DataV files are
/// GCJ-02 and the caller converts them (<see cref="Gcj02"/>); Natural Earth is WGS84 ≈ CGCS2000.
/// Array-valued properties (DataV's acroutes) arrive as raw JSON text.
/// </summary>
public static class LonLatGeoJson
{
    private static readonly GeoJsonFormat Format = new(new GeoJsonReadOptions { ForceSrid = CrsCatalog.Cgcs2000, WarnExcessivePrecision = false });

    public static FeatureSet Read(string path) => Format.Read(path);
}
