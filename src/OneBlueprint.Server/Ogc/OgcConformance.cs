namespace OneBlueprint.Server.Ogc;

/// <summary>The conformance classes this API implements (OGC API – Features Part 1 Core and Part 2 CRS by reference).</summary>
public static class OgcConformance
{
    public static IReadOnlyList<string> Classes { get; } =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    ];
}
