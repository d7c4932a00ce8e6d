using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace OneBlueprint.Formats.Tests.Support;

/// <summary>
/// Runs a command-line tool used as an independent reference (GDAL's ogrinfo/ogr2ogr, PROJ's projinfo) and
/// returns what it said. A tool that is not installed fails the test with the way to install it; it never skips.
/// </summary>
internal static class ExternalTool
{
    public sealed record Output(int ExitCode, string Stdout, string Stderr);

    public static Output Run(string tool, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{tool}' is not on PATH ({e.Message}). These tests compare against GDAL/PROJ: run scripts/deps.sh (Debian gdal-bin, proj-bin).", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new Output(process.ExitCode, stdout, stderr.Result);
        }
    }
}
