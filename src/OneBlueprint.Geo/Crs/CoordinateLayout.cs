namespace OneBlueprint.Geo.Crs;

/// <summary>What a set of coordinates looks like, judged from their magnitudes alone.</summary>
public enum CoordinateLayout
{
    /// <summary>Nothing recognisable (local grid, wrong units, mixed zones, empty).</summary>
    Unknown,
    /// <summary>Longitude/latitude degrees, longitude first.</summary>
    LonLatDegrees,
    /// <summary>Degrees with latitude first: x holds 3–54, y holds 73–136.</summary>
    LonLatSwapped,
    /// <summary>3° Gauss-Krüger metres with the zone number prefixed to 8-digit eastings.</summary>
    GaussKrugerPrefixed,
    /// <summary>3° Gauss-Krüger metres with 6-digit eastings around 500,000 (zone not stated by the numbers).</summary>
    GaussKrugerUnprefixed,
    /// <summary>Gauss-Krüger metres with the northing in x (survey order X=北, Y=东 read as x, y).</summary>
    GaussKrugerSwapped,
    /// <summary>Web Mercator (EPSG:3857) metres over China.</summary>
    WebMercator,
}
