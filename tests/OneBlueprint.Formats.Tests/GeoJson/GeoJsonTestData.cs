namespace OneBlueprint.Formats.Tests.GeoJson;

/// <summary>
/// The shared test data (geojsonhint, henan-admin, naturalearth), found through ONEBLUEPRINT_DATA or by
/// walking up from the test binaries to a shared/data folder.
/// </summary>
internal static class GeoJsonTestData
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string HintBad => PathOf("geojsonhint/bad");

    public static string HintGood => PathOf("geojsonhint/good");

    public static string HenanCounties => PathOf("henan-admin/datav_henan_counties.geojson");

    public static IEnumerable<string> NaturalEarthFiles => Directory.GetFiles(PathOf("naturalearth"), "*.geojson").Order();

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ONEBLUEPRINT_DATA");
        if (fromEnvironment is not null && Directory.Exists(Path.Combine(fromEnvironment, "geojsonhint")))
            return fromEnvironment;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            foreach (var candidate in new[] { "shared/data", "data" })
            {
                var path = Path.Combine(dir.FullName, candidate);
                if (Directory.Exists(Path.Combine(path, "geojsonhint"))) return path;
            }
        throw new InvalidOperationException(
            $"shared test data not found above {AppContext.BaseDirectory}; set ONEBLUEPRINT_DATA to the folder holding geojsonhint/");
    }
}
