using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.DemoCity;

/// <summary>
/// A generated demo city: Zhengzhou (郑州市, adcode 410100) with its real districts, rivers and urban
/// areas and synthetic control lines and projects, everything in EPSG:4547 (CGCS2000 3° GK, CM 114°E,
/// no zone prefix). The same scale and seed always give the same city.
/// </summary>
public sealed class DemoCity
{
    public const string CityName = "郑州市";
    public const string CityCode = "410100";
    public const int Srid = 4547;

    public required DemoScale Scale { get; init; }
    public required int Seed { get; init; }

    /// <summary>Layers by code (<see cref="LayerCodes"/>), in <see cref="LayerCodes.All"/> order.</summary>
    public required IReadOnlyDictionary<string, FeatureSet> Layers { get; init; }

    public required IReadOnlyList<DemoProject> Projects { get; init; }

    /// <summary>The city outline: union of the repaired district polygons.</summary>
    public required Geometry Boundary { get; init; }

    /// <summary>Facts worth knowing about this city (deliberate conflicts, repairs, counts), for the manifest.</summary>
    public required IReadOnlyDictionary<string, string> Notes { get; init; }
}
