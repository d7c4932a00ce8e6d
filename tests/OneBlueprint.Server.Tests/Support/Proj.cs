using System.Diagnostics;
using System.Globalization;

namespace OneBlueprint.Server.Tests.Support;

/// <summary>PROJ's cs2cs (Debian proj-bin) as the independent reference for coordinates.</summary>
public static class Proj
{
    /// <summary>Transforms one point; x = easting/longitude in and out.</summary>
    public static (double X, double Y) Cs2cs(int from, int to, double x, double y)
    {
        var start = new ProcessStartInfo("cs2cs", ["-f", "%.10f", "EPSG:" + from, "EPSG:" + to])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cs2cs not found: run scripts/deps.sh (proj-bin)");
        // cs2cs follows EPSG axis order: EPSG:4490 is latitude first and the GK systems northing first,
        // so both go in (and come out) y first.
        var input = $"{y.ToString(CultureInfo.InvariantCulture)} {x.ToString(CultureInfo.InvariantCulture)}";
        process.StandardInput.WriteLine(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd().Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        var a = double.Parse(output[0], CultureInfo.InvariantCulture);
        var b = double.Parse(output[1], CultureInfo.InvariantCulture);
        return (b, a);
    }
}
