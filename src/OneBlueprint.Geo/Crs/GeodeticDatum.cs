namespace OneBlueprint.Geo.Crs;

/// <summary>The three datums Chinese survey files are declared in (坐标系=...).</summary>
public enum GeodeticDatum
{
    /// <summary>2000国家大地坐标系, EPSG:4490.</summary>
    Cgcs2000,
    /// <summary>1980西安坐标系 (IAU76 ellipsoid), EPSG:4610. No national grid to CGCS2000.</summary>
    Xian1980,
    /// <summary>1954北京坐标系 (Krassowsky ellipsoid), EPSG:4214. No national grid to CGCS2000.</summary>
    Beijing1954,
}
