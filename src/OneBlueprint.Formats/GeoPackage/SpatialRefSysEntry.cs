using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Formats.GeoPackage;

/// <summary>
/// A row of gpkg_spatial_ref_sys for an EPSG code: srs_id = the EPSG code, organization 'EPSG', and the
/// WKT1 definition from <see cref="CrsRegistry"/> for the systems OneBlueprint knows (CGCS2000, Xian 1980,
/// Beijing 1954 and their 3° Gauss-Krüger zones, WGS 84, Web Mercator). Any other code gets the definition
/// 'undefined': GDAL then resolves organization EPSG + organization_coordsys_id from its own database, other
/// readers see an unknown CRS.
/// </summary>
internal sealed record SpatialRefSysEntry(string Name, int SrsId, string Organization, int OrganizationId, string Definition, string Description)
{
    public static SpatialRefSysEntry ForEpsg(int srid)
    {
        var (name, definition) = CrsRegistry.IsKnown(srid)
            ? (CrsRegistry.Name(srid), CrsRegistry.Wkt(srid))
            : (EpsgCode.Format(srid), "undefined");
        return new SpatialRefSysEntry(name, srid, "EPSG", srid, definition, name);
    }
}
