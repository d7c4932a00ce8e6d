using System.Text;

namespace OneBlueprint.Server.Ogc;

/// <summary>An encoded OGC answer: its bytes, media type and, for features, the Content-Crs header Part 2 asks for.</summary>
public sealed class OgcResult(byte[] body, string mediaType, OgcCrs? contentCrs = null) : IResult
{
    public static OgcResult Html(string page) => new(Encoding.UTF8.GetBytes(page), "text/html");

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = mediaType + "; charset=utf-8";
        if (contentCrs is not null) http.Response.Headers["Content-Crs"] = $"<{contentCrs.Uri}>";
        http.Response.Headers.Vary = "Accept";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
