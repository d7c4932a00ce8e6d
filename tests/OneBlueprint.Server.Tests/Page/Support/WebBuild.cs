using System.Diagnostics;

namespace OneBlueprint.Server.Tests.Page.Support;

/// <summary>
/// The repository and its built front end: runs scripts/web.sh once per test run (a no-op when web/dist is newer than
/// web/src), so `dotnet test` alone works as well as `make test`.
/// </summary>
public static class WebBuild
{
    private static readonly Lazy<Task<string>> Built = new(BuildAsync);

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "OneBlueprint.sln"))) return dir.FullName;
            throw new InvalidOperationException("the tests do not run inside the repository (no OneBlueprint.sln above " + AppContext.BaseDirectory + ")");
        }
    }

    /// <summary>The web/dist folder, built.</summary>
    public static Task<string> EnsureBuiltAsync() => Built.Value;

    /// <summary>TestResults/page/ under the repository: screenshots kept as artefacts.</summary>
    public static string ArtefactDirectory => Directory.CreateDirectory(Path.Combine(RepositoryRoot, "TestResults", "page")).FullName;

    private static async Task<string> BuildAsync()
    {
        var root = RepositoryRoot;
        var start = new ProcessStartInfo(Path.Combine(root, "scripts", "web.sh")) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/web.sh failed ({process.ExitCode}): {await error} {await output}");
        var dist = Path.Combine(root, "web", "dist");
        if (!File.Exists(Path.Combine(dist, "app.js"))) throw new InvalidOperationException("scripts/web.sh did not write web/dist/app.js");
        return dist;
    }
}
