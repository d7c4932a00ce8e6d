namespace OneBlueprint.DemoCity;

/// <summary>
/// How big a demo city to make. Only the farmland coverage grows with the scale; the real base, the
/// ecological redlines, the urban boundary, the four lines and the projects are the same at every scale
/// (for the same seed), so a demo and a city run can be compared layer by layer.
/// </summary>
public enum DemoScale
{
    /// <summary>About 20,000 farmland patches (~15 ha each): quick to generate and import.</summary>
    Demo,

    /// <summary>At least 200,000 farmland patches (~1.5 ha each, real-world patch sizes): for load tests.</summary>
    City,
}

public static class DemoScaleNames
{
    /// <summary>Lower-case name used on the command line and in folder names (gis-data/demo, gis-data/city).</summary>
    public static string ToName(this DemoScale scale) => scale switch
    {
        DemoScale.Demo => "demo",
        DemoScale.City => "city",
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, null),
    };

    public static DemoScale Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "demo" => DemoScale.Demo,
        "city" => DemoScale.City,
        _ => throw new ArgumentException($"unknown demo scale '{name}': use demo or city", nameof(name)),
    };
}
