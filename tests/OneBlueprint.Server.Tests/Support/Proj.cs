using System.Globalization;

namespace OneBlueprint.Server.Tests.Support;

/// <summary>PROJ's cs2cs (Debian proj-bin) as the independent reference for coordinates.</summary>
public static class Proj
{
    /// <summary>Transforms one point; x = easting/longitude in and out.</summary>
    public static (double X, double Y) Cs2cs(int from, int to, double x, double y)
    {
        // cs2cs follows EPSG axis order: EPSG:4490 is latitude first and the GK systems northing first,
        // so both go in (and come out) y first.
        var input = $"{y.ToString(CultureInfo.InvariantCulture)} {x.ToString(CultureInfo.InvariantCulture)}\n";
        var stdout = ExternalTool.RunOkAsync("cs2cs", ["-f", "%.10f", "EPSG:" + from, "EPSG:" + to], "scripts/deps.sh (proj-bin)",
            new ExternalTool.Options { Stdin = input }).GetAwaiter().GetResult();
        var output = stdout.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var a = double.Parse(output[0], CultureInfo.InvariantCulture);
        var b = double.Parse(output[1], CultureInfo.InvariantCulture);
        return (b, a);
    }
}
