namespace OneBlueprint.Storage.Tests.Support;

/// <summary>Paths of the repository and of the shared real test data beside it (../shared/data).</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OneBlueprint.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (OneBlueprint.sln) above " + AppContext.BaseDirectory);
    }
}
