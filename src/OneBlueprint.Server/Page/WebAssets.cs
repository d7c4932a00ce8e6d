namespace OneBlueprint.Server.Page;

/// <summary>
/// The built front end (web/dist: app.js, app.css, written by scripts/web.sh from web/src). Found at OB_WEB_DIST, else
/// in the first web/dist above the server's directory (a checkout: bin/…/ lies under the repository), else null —
/// the page then answers 503 saying how to build it.
/// </summary>
public sealed class WebAssets(string? directory)
{
    public const string DirectoryKey = "OB_WEB_DIST";

    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".map"] = "application/json",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
    };

    public string? Directory { get; } = directory;

    public bool IsBuilt => Directory is not null && File.Exists(Path.Combine(Directory, "app.js"));

    public static WebAssets Locate(IConfiguration configuration)
    {
        var configured = configuration[DirectoryKey];
        if (!string.IsNullOrWhiteSpace(configured)) return new WebAssets(Path.GetFullPath(configured));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "web", "dist");
            if (File.Exists(Path.Combine(candidate, "app.js"))) return new WebAssets(candidate);
        }
        return new WebAssets(null);
    }

    /// <summary>The file under the dist folder for a request path, or null (unknown, or an attempt to leave the folder).</summary>
    public (string Path, string ContentType)? Find(string relative)
    {
        if (Directory is null || string.IsNullOrEmpty(relative)) return null;
        var full = Path.GetFullPath(Path.Combine(Directory, relative));
        if (!full.StartsWith(Directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        if (!File.Exists(full) || !Types.TryGetValue(Path.GetExtension(full), out var type)) return null;
        return (full, type);
    }
}
