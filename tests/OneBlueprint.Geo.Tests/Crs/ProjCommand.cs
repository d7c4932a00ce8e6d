using System.Diagnostics;
using System.Globalization;

namespace OneBlueprint.Geo.Tests.Crs;

/// <summary>
/// Runs PROJ's command-line tools (Debian proj-bin) as the independent reference. A missing tool is a
/// failure, never a silent skip.
/// </summary>
internal static class ProjCommand
{
    public static string Run(string tool, IEnumerable<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"'{tool}' (PROJ, Debian package proj-bin) is not on PATH: run scripts/deps.sh first. ({e.Message})");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input ?? "");
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new Xunit.Sdk.XunitException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
            return stdout.Result;
        }
    }

    /// <summary>
    /// Transforms points with cs2cs; input and output columns in the axis order of the CRS definitions
    /// (EPSG order for EPSG codes: lat,lon for 4490/4326; northing,easting for the GK systems; proj strings
    /// are easting/longitude first). Proj strings ("+proj=… +towgs84=…") are passed in cs2cs's classic
    /// "+opt … +to +opt …" form: given as two single arguments, cs2cs 9.1 merges them into one definition.
    /// </summary>
    public static (double A, double B)[] Cs2cs(string from, string to, IEnumerable<(double A, double B)> points)
    {
        var input = string.Join('\n', points.Select(p => FormattableString.Invariant($"{p.A:R} {p.B:R}"))) + "\n";
        var output = Run("cs2cs", ["-f", "%.10f", .. Definition(from, isTarget: false), .. Definition(to, isTarget: true)], input);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => (double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture)))
            .ToArray();
    }

    private static string[] Definition(string crs, bool isTarget)
    {
        if (!crs.StartsWith('+')) return [crs];
        var options = crs.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(o => o != "+type=crs");
        return isTarget ? ["+to", .. options] : [.. options];
    }
}
