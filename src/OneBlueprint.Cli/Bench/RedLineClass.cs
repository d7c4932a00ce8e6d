namespace OneBlueprint.Cli.Bench;

/// <summary>Where a benchmark red line is placed; the classes are interleaved (0, 1, 2, 0, 1, 2, …) so any prefix is mixed.</summary>
public enum RedLineClass
{
    /// <summary>Anywhere in the city (inside a district): mostly farmland and open land.</summary>
    Random = 0,

    /// <summary>Inside an ecological redline (生态保护红线): the huge-polygon case.</summary>
    InsideEcological = 1,

    /// <summary>Centred on the urban development boundary (城镇开发边界), so it lies partly inside and partly outside.</summary>
    StraddlingUrbanBoundary = 2,
}

public static class RedLineClassNames
{
    public static string ToName(this RedLineClass c) => c switch
    {
        RedLineClass.Random => "random",
        RedLineClass.InsideEcological => "inside-ecological",
        RedLineClass.StraddlingUrbanBoundary => "straddling-urban-boundary",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };
}
