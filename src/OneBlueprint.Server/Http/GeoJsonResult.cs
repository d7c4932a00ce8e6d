using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Server.Http;

/// <summary>
/// A FeatureSet answered as GeoJSON in the CRS the client asked for (EPSG:4490 lon/lat by default,
/// which RFC 7946 clients may treat as WGS84: the two agree within centimetres).
/// </summary>
public sealed class GeoJsonResult(FeatureSet features, int targetSrid = CrsCatalog.Cgcs2000) : IResult
{
    private static readonly GeoJsonFormat Format = new();

    public async Task ExecuteAsync(HttpContext http)
    {
        var output = features.ReprojectTo(targetSrid);
        http.Response.ContentType = "application/geo+json; charset=utf-8";
        if (targetSrid != CrsCatalog.Cgcs2000) http.Response.Headers["Content-Crs"] = $"<http://www.opengis.net/def/crs/EPSG/0/{targetSrid}>";
        using var buffer = new MemoryStream();
        Format.Write(output, buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
