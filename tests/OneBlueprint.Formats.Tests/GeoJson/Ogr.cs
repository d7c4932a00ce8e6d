using OneBlueprint.Formats.Tests.Support;

namespace OneBlueprint.Formats.Tests.GeoJson;

/// <summary>
/// Runs GDAL's ogrinfo/ogr2ogr, the independent reference for what our GeoJSON means to other software.
/// A missing tool fails the test with the way to install it; it never skips.
/// </summary>
internal static class Ogr
{
    public static string Info(params string[] args) => Run("ogrinfo", args);

    public static string Convert(params string[] args) => Run("ogr2ogr", args);

    private static string Run(string tool, string[] args)
    {
        var output = ExternalTool.Run(tool, args);
        if (output.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({output.ExitCode}): {output.Stderr}");
        return output.Stdout;
    }

    /// <summary>"Feature Count: N" of an `ogrinfo -so` report (single layer).</summary>
    public static int FeatureCount(string report) =>
        int.Parse(report.Split('\n').Single(l => l.StartsWith("Feature Count:")).Split(':')[1].Trim());

    /// <summary>"Geometry: Multi Polygon" of an `ogrinfo -so` report.</summary>
    public static string GeometryType(string report) =>
        report.Split('\n').Single(l => l.StartsWith("Geometry:")).Split(':', 2)[1].Trim();

    /// <summary>Field name → GDAL type ("String", "Integer64", "Real", ...) from an `ogrinfo -so` report.</summary>
    public static Dictionary<string, string> Fields(string report)
    {
        // Fields come after the SRS block as "name: Type (w.p)"; the header lines before them are known keys.
        var lines = report.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.StartsWith("Data axis to CRS axis mapping:") || l.StartsWith("Layer SRS WKT:"));
        var fields = new Dictionary<string, string>();
        foreach (var line in lines.Skip(start + 1))
        {
            var m = System.Text.RegularExpressions.Regex.Match(line, @"^(\S.*?): (\w+)(?:\(\w+\))? \(\d+\.\d+\)$");
            if (m.Success) fields[m.Groups[1].Value] = m.Groups[2].Value;
        }
        return fields;
    }
}
