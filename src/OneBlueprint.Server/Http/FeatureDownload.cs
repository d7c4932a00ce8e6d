using System.IO.Compression;
using OneBlueprint.Formats;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Http;

/// <summary>
/// A FeatureSet answered as a file to download: a zipped shapefile (.shp/.shx/.dbf/.prj/.cpg) or a GeoPackage,
/// written by our own writers in the CRS asked for. (GeoJSON goes through <see cref="GeoJsonResult"/>, tables
/// through <see cref="CsvTable"/>.)
/// </summary>
public sealed class FeatureDownload(FeatureSet features, string format, string fileName, int targetSrid) : IResult
{
    public static readonly IReadOnlyList<string> Formats = ["shp", "gpkg"];

    public static InputException UnknownFormat(string format, IEnumerable<string> known) =>
        new(InputProblem.Error("query.format", $"format={format} is not offered here", null, $"Use one of: {string.Join(", ", known)}."));

    public async Task ExecuteAsync(HttpContext http)
    {
        var output = features.ReprojectTo(targetSrid);
        var folder = Directory.CreateTempSubdirectory("ob-download-");
        try
        {
            byte[] bytes;
            if (format == "shp")
            {
                FeatureFormats.Write(output, Path.Combine(folder.FullName, fileName + ".shp"));
                using var zip = new MemoryStream();
                using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                    foreach (var file in folder.GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
                        await archive.CreateEntryFromFileAsync(file.FullName, file.Name);
                bytes = zip.ToArray();
                http.Response.ContentType = "application/zip";
                http.Response.Headers.ContentDisposition = Disposition(fileName + ".zip");
            }
            else
            {
                var path = Path.Combine(folder.FullName, fileName + ".gpkg");
                FeatureFormats.Write(output, path);
                bytes = await File.ReadAllBytesAsync(path, http.RequestAborted);
                http.Response.ContentType = "application/geopackage+sqlite3";
                http.Response.Headers.ContentDisposition = Disposition(fileName + ".gpkg");
            }
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>attachment with an ASCII fallback and the UTF-8 name (RFC 6266), so Chinese names survive.</summary>
    public static string Disposition(string name) =>
        $"attachment; filename=\"{new string(name.Select(c => c < 128 && c != '"' ? c : '_').ToArray())}\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
}
