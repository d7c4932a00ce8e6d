using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Formats.RedLineTxt;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Compliance;

/// <summary>
/// Reads the red line of a compliance check: GeoJSON (a geometry, Feature or FeatureCollection) or a 界址点 TXT,
/// as the raw request body (application/geo+json, application/json, text/plain) or as the <c>file</c> part of a
/// multipart form; the CLI passes a file's bytes to <see cref="Parse"/>. The body is read into memory up to
/// <see cref="ComplianceLimits.MaxBodyBytes"/> (413 beyond); every reader error comes back as the reader's
/// <see cref="InputException"/> with file, line and coordinate.
/// </summary>
public static class RedLineInputReader
{
    private static readonly Dictionary<string, string> FormatByMediaType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/geo+json"] = RedLineInput.GeoJson,
        ["application/json"] = RedLineInput.GeoJson,
        ["text/plain"] = RedLineInput.Txt,
    };

    // The TXT reader's declaration-vs-coordinates errors: the file is readable, its CRS statement is wrong (422, not 400).
    private static readonly HashSet<string> CrsContradictions = [RedLineTxtCodes.ZoneConflict, RedLineTxtCodes.MixedPrefix];

    /// <summary>Reads a request; <paramref name="forcedSrid"/> (the crs= parameter) overrides what the input declares.</summary>
    public static async Task<RedLineInput> ReadAsync(HttpRequest request, int? forcedSrid, CancellationToken ct)
    {
        if (request.ContentLength is { } declared && declared > ComplianceLimits.MaxBodyBytes) throw TooLarge(declared);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
                ?? throw new InputException(InputProblem.Error("redline.no_file", "the form has no file part", null,
                    "Send the red line (GeoJSON or 界址点 TXT) as a form field named 'file'."));
            if (file.Length > ComplianceLimits.MaxBodyBytes) throw TooLarge(file.Length);
            var name = Path.GetFileName(file.FileName);
            var format = FormatOfName(name) ?? FormatOfMediaType(file.ContentType)
                ?? throw new InputException(InputProblem.Error("redline.format", $"'{name}' is neither GeoJSON nor a 界址点 TXT", null,
                    "Name the file *.geojson, *.json or *.txt, or give the part the content type application/geo+json or text/plain."), 415);
            await using var stream = file.OpenReadStream();
            var bytes = await ReadBoundedAsync(stream, ct);
            var fields = form.Where(f => f.Value.Count > 0).ToDictionary(f => f.Key, f => f.Value[0] ?? "", StringComparer.Ordinal);
            return Parse(bytes, format, name, forcedSrid) with { Fields = fields };
        }

        var mediaType = (request.ContentType ?? "").Split(';')[0].Trim();
        var bodyFormat = FormatOfMediaType(mediaType)
            ?? throw new InputException(InputProblem.Error("redline.content_type",
                mediaType.Length == 0 ? "the request has no content type" : $"content type '{mediaType}' is not a red-line format",
                null, "Send GeoJSON as application/geo+json, a 界址点 TXT as text/plain, or either as the 'file' part of multipart/form-data."), 415);
        var bodyName = request.Query["filename"].FirstOrDefault() is { Length: > 0 } given
            ? Path.GetFileName(given)
            : "request-body." + (bodyFormat == RedLineInput.Txt ? "txt" : "geojson");
        var body = await ReadBoundedAsync(request.Body, ct);
        return Parse(body, bodyFormat, bodyName, forcedSrid);
    }

    /// <summary>Parses red-line bytes of a known format ("geojson" or "txt"); <paramref name="name"/> is what messages call it.</summary>
    public static RedLineInput Parse(byte[] bytes, string format, string name, int? forcedSrid)
    {
        if (bytes.Length == 0)
            throw new InputException(InputProblem.Error("redline.empty", $"'{name}' is empty", new SourceLocation(name),
                "Send the red line: GeoJSON with the parcels' polygons, or a 界址点 TXT."));
        if (bytes.LongLength > ComplianceLimits.MaxBodyBytes) throw TooLarge(bytes.LongLength);
        FeatureSet features;
        if (format == RedLineInput.Txt)
        {
            try
            {
                features = new RedLineTxtFormat().Read(new MemoryStream(bytes, writable: false), name);
            }
            catch (InputException e) when (e.StatusCode == 400 && e.Problems.Any(p => CrsContradictions.Contains(p.Code)))
            {
                throw new InputException(e.Problems, 422);
            }
            if (forcedSrid is { } srid) features.Srid = srid;
        }
        else if (format == RedLineInput.GeoJson)
        {
            features = GeoJsonReader.Read(bytes, name, new GeoJsonReadOptions { ForceSrid = forcedSrid });
        }
        else throw new ArgumentOutOfRangeException(nameof(format), format, "format must be geojson or txt");
        return new RedLineInput(format, name, bytes, features, new Dictionary<string, string>());
    }

    /// <summary>"geojson" for *.geojson/*.json, "txt" for *.txt, null otherwise.</summary>
    public static string? FormatOfName(string? name)
    {
        var extension = Path.GetExtension(name ?? "").ToLowerInvariant();
        return extension switch
        {
            ".geojson" or ".json" => RedLineInput.GeoJson,
            ".txt" => RedLineInput.Txt,
            _ => null,
        };
    }

    private static string? FormatOfMediaType(string? mediaType) =>
        mediaType is null ? null : FormatByMediaType.GetValueOrDefault(mediaType.Split(';')[0].Trim());

    private static async Task<byte[]> ReadBoundedAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > ComplianceLimits.MaxBodyBytes) throw TooLarge(null);
        }
        return buffer.ToArray();
    }

    private static InputException TooLarge(long? bytes) =>
        new(InputProblem.Error("redline.too_large",
            bytes is { } b
                ? $"the red line is {b / 1024.0 / 1024.0:0.0} MB; a check takes at most {ComplianceLimits.MaxBodyBytes / 1024 / 1024} MB"
                : $"the red line is larger than the {ComplianceLimits.MaxBodyBytes / 1024 / 1024} MB a check takes",
            null,
            $"A project's red line is a few parcels: simplify the boundary (at most {ComplianceLimits.MaxVertices:N0} points in all) or check the parcels in several requests."),
            413);
}
