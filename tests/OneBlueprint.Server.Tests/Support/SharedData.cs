namespace OneBlueprint.Server.Tests.Support;

/// <summary>The real samples in ../shared/data next to the checkout.</summary>
public static class SharedData
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return System.IO.Path.Combine([candidate, .. parts]);
        }
        throw new DirectoryNotFoundException("shared/data not found above the test binaries; the checkout must sit next to shared/");
    }
}
