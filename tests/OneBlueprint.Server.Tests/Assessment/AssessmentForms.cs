using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace OneBlueprint.Server.Tests.Assessment;

/// <summary>Request bodies for the registry tests.</summary>
internal static class AssessmentForms
{
    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A lon/lat square (EPSG:4490) of side <paramref name="size"/> degrees with its south-west corner at (lon, lat).</summary>
    public static string SquareGeoJson(double lon, double lat, double size) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"type":"Polygon","coordinates":[[[{{lon}},{{lat}}],[{{lon + size}},{{lat}}],[{{lon + size}},{{lat + size}}],[{{lon}},{{lat + size}}],[{{lon}},{{lat}}]]]}""");

    public static MultipartFormDataContent Area(string geoJson, string items)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(geoJson));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        return new MultipartFormDataContent { { file, "file", "area.geojson" }, { new StringContent(items), "items" } };
    }
}
