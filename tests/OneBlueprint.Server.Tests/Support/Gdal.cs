namespace OneBlueprint.Server.Tests.Support;

/// <summary>GDAL's ogrinfo (Debian gdal-bin): the independent reader of what we write.</summary>
public static class Gdal
{
    /// <summary>What ogrinfo printed (stdout then stderr, where GDAL puts its warnings); throws when it fails.</summary>
    public static string OgrInfo(params string[] args)
    {
        var output = ExternalTool.RunAsync("ogrinfo", args, "scripts/deps.sh (gdal-bin)").GetAwaiter().GetResult();
        if (output.ExitCode != 0) throw new InvalidOperationException($"ogrinfo {string.Join(' ', args)} failed:\n{output.Stdout}{output.Stderr}");
        return output.Stdout + output.Stderr;
    }
}
