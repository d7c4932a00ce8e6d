namespace OneBlueprint.DemoCity.Base;

/// <summary>
/// Finds the real base data (shared/data: henan-admin, naturalearth). The repository is cloned with
/// shared/ beside it, so the folder is searched upwards from the working directory and from the
/// program's own folder; the environment variable OB_SHARED_DATA overrides the search.
/// </summary>
public static class SharedData
{
    public const string EnvironmentVariable = "OB_SHARED_DATA";

    public const string CountiesFile = "henan-admin/datav_henan_counties.geojson";
    public const string RiversFile = "naturalearth/ne10m_rivers_henan_bbox.geojson";
    public const string LakesFile = "naturalearth/ne10m_lakes_henan_bbox.geojson";
    public const string UrbanAreasFile = "naturalearth/ne50m_urban_areas_henan_bbox.geojson";

    /// <summary>The shared/data folder, or an exception that says where it looked and how to point to it.</summary>
    public static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            if (IsDataFolder(fromEnv)) return Path.GetFullPath(fromEnv);
            throw new DirectoryNotFoundException(
                $"{EnvironmentVariable}='{fromEnv}' does not hold {CountiesFile}. Point it at the shared/data folder.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "data") })
                {
                    if (IsDataFolder(candidate)) return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"could not find shared/data (with {CountiesFile}) above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'. " +
            $"Clone the project with shared/ beside it, or set {EnvironmentVariable} to the shared/data folder.");
    }

    public static string PathOf(string dataFolder, string relative) => Path.Combine(dataFolder, relative);

    private static bool IsDataFolder(string folder) => File.Exists(Path.Combine(folder, CountiesFile));
}
