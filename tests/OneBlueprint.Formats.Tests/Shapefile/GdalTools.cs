using System.Diagnostics;
using System.Text;

namespace OneBlueprint.Formats.Tests.Shapefile;

/// <summary>Runs GDAL/PROJ command-line tools (gdal-bin, proj-bin) as independent references; fails clearly when they are not installed.</summary>
internal static class GdalTools
{
    public static string Run(string tool, params string[] args)
    {
        var (exit, stdout, stderr) = TryRun(tool, args);
        Assert.True(exit == 0, $"{tool} {string.Join(' ', args)} failed with exit code {exit}:\n{stderr}\n{stdout}");
        return stdout;
    }

    public static (int Exit, string Stdout, string Stderr) TryRun(string tool, params string[] args)
    {
        var path = Find(tool);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderrTask.Result);
    }

    private static string Find(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Fail($"{tool} is not on PATH. These tests compare against GDAL/PROJ: run scripts/deps.sh (installs gdal-bin and proj-bin).");
        return tool;
    }
}
