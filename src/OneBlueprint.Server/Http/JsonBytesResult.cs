namespace OneBlueprint.Server.Http;

/// <summary>
/// JSON that is already UTF-8 bytes (an answer built with Utf8JsonWriter, or one stored in PostGIS), written as is
/// with its status and, for a created resource, its Location.
/// </summary>
public sealed class JsonBytesResult(byte[] json, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "application/json; charset=utf-8";
        if (location is not null) http.Response.Headers.Location = location;
        http.Response.ContentLength = json.Length;
        await http.Response.Body.WriteAsync(json, http.RequestAborted);
    }
}
