using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Geo.Features;

/// <summary>
/// A layer's worth of features in one coordinate system, with the warnings raised while reading it.
/// Readers fill <see cref="Srid"/> from what the file declares (.prj, crs member, 坐标系/带号); null means
/// the file did not say, and callers must ask or guess (see Crs.CrsGuess).
/// </summary>
public sealed class FeatureSet
{
    public int? Srid { get; set; }

    /// <summary>Layer or file name, used as the table name when writing GeoPackage/Shapefile.</summary>
    public string? Name { get; set; }

    public List<GeoFeature> Features { get; } = new();

    /// <summary>Problems that did not stop reading (declared area off, point count mismatch, ...).</summary>
    public List<InputProblem> Warnings { get; } = new();

    /// <summary>Format-specific metadata kept for round trips (TXT [属性描述]/[项目信息] keys, ...).</summary>
    public OrderedDictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);
}
