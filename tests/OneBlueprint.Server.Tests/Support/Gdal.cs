using System.Diagnostics;

namespace OneBlueprint.Server.Tests.Support;

/// <summary>GDAL's ogrinfo (Debian gdal-bin): the independent reader of what we write.</summary>
public static class Gdal
{
    public static string OgrInfo(params string[] args)
    {
        var start = new ProcessStartInfo("ogrinfo", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("ogrinfo not found: run scripts/deps.sh (gdal-bin)");
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ogrinfo {string.Join(' ', args)} failed:\n{output}");
        return output;
    }
}
