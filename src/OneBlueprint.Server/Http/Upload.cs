using System.Security.Cryptography;
using OneBlueprint.Formats;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Http;

/// <summary>An uploaded file read into features, with what import records about its source.</summary>
public sealed record Upload(FeatureSet Features, string FileName, string ChecksumSha256, long Bytes);

/// <summary>
/// Reads a geodata upload: multipart/form-data with a <c>file</c> part, or the raw body with a content
/// type (GeoJSON, 界址点 TXT as text/plain, GeoPackage, zipped shapefile). The bytes go to a private
/// temporary folder under the upload's own name, so readers' messages name the file the user sent.
/// </summary>
public static class UploadReader
{
    private static readonly Dictionary<string, string> ExtensionByContentType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/geo+json"] = ".geojson",
        ["application/json"] = ".geojson",
        ["text/plain"] = ".txt",
        ["application/geopackage+sqlite3"] = ".gpkg",
        ["application/zip"] = ".zip",
        ["application/x-zip-compressed"] = ".zip",
    };

    /// <summary>
    /// Reads the upload. <paramref name="forcedSrid"/> (the request's crs=) is given to the GeoJSON reader, so a file of
    /// Gauss-Krüger metres without a "crs" member is read in that system instead of being refused as lon/lat out of range.
    /// </summary>
    public static async Task<Upload> ReadAsync(HttpRequest request, CancellationToken ct, int? forcedSrid = null)
    {
        string fileName;
        Stream body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault()
                ?? throw Problem("upload.no-file", "the form has no file part", "Send the file as a form field named 'file'.");
            fileName = Path.GetFileName(file.FileName);
            body = file.OpenReadStream();
        }
        else
        {
            var mediaType = (request.ContentType ?? "").Split(';')[0].Trim();
            if (!ExtensionByContentType.TryGetValue(mediaType, out var extension))
                throw Problem("upload.content-type", $"content type '{mediaType}' is not a geodata format OneBlueprint reads",
                    "Use application/geo+json, text/plain (界址点 TXT), application/geopackage+sqlite3, application/zip (zipped shapefile) or multipart/form-data.", 415);
            fileName = request.Query["filename"].FirstOrDefault() is { Length: > 0 } given ? Path.GetFileName(given) : "request-body" + extension;
            body = request.Body;
        }

        var folder = Directory.CreateTempSubdirectory("ob-upload-");
        try
        {
            var path = Path.Combine(folder.FullName, fileName);
            long bytes;
            await using (var target = File.Create(path))
            {
                await body.CopyToAsync(target, ct);
                bytes = target.Length;
            }
            if (bytes == 0) throw Problem("upload.empty", $"'{fileName}' is empty", "Send a file with features in it.");
            var checksum = Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(path), ct));
            try
            {
                var features = forcedSrid is int srid && FeatureFormats.ForPath(path) is GeoJsonFormat
                    ? new GeoJsonFormat(new GeoJsonReadOptions { ForceSrid = srid }).Read(path)
                    : FeatureFormats.Read(path);
                foreach (var f in features.Features) f.Source = Named(f.Source);
                for (var i = 0; i < features.Warnings.Count; i++) features.Warnings[i] = features.Warnings[i] with { Where = Named(features.Warnings[i].Where) };
                return new Upload(features, fileName, checksum, bytes);
            }
            catch (InputException ex)
            {
                throw new InputException(ex.Problems.Select(p => p with { Where = Named(p.Where) }).ToList(), ex.StatusCode);
            }

            // Readers name the temporary path; the user knows the file by the name it sent.
            SourceLocation? Named(SourceLocation? where) => where?.File == path ? where with { File = fileName } : where;
        }
        finally
        {
            await body.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    private static InputException Problem(string code, string what, string fix, int status = 400) =>
        new(InputProblem.Error(code, what, null, fix), status);
}
