using OneBlueprint.Formats.Tests.Support;

namespace OneBlueprint.Formats.Tests.GeoPackage;

/// <summary>
/// Runs the GDAL/PROJ command-line tools the GeoPackage tests use as independent references. A missing tool
/// fails the test with the way to install it, never skips it.
/// </summary>
internal static class GdalTools
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public IEnumerable<string> Lines => Stdout.Split('\n').Select(l => l.TrimEnd('\r'));

        /// <summary>
        /// ERROR and Warning lines, minus GDAL 3.6's note that it only partly knows GeoPackage 1.4 (its newest is
        /// 1.3; 3.7+ knows 1.4). Every other warning still counts.
        /// </summary>
        public IReadOnlyList<string> Complaints => (Stdout + "\n" + Stderr).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("ERROR", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Warning", StringComparison.OrdinalIgnoreCase))
            .Where(l => !(l.Contains("user_version=") && l.Contains("(10400, v1.4.0)") && l.Contains("may only be partially supported")))
            .ToList();
    }

    public static Result OgrInfo(params string[] args) => Run("ogrinfo", args);

    public static Result Ogr2Ogr(params string[] args) => Run("ogr2ogr", args);

    public static Result ProjInfo(params string[] args) => Run("projinfo", args);

    public static Result Run(string tool, IReadOnlyList<string> args)
    {
        var output = ExternalTool.Run(tool, args);
        return new Result(output.ExitCode, output.Stdout, output.Stderr);
    }
}
