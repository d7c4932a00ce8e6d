using OneBlueprint.Formats.Tests.Support;

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
        var output = ExternalTool.Run(tool, args);
        return (output.ExitCode, output.Stdout, output.Stderr);
    }
}
