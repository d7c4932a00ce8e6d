using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.Shapefile;

/// <summary>One attribute as stored in the .dbf: its stored name (≤ 10 bytes) may differ from the attribute name.</summary>
public sealed record ShapefileField(string Attribute, string Name, char Type, int Length, int Decimals);

/// <summary>
/// What a shapefile write did that the caller may need to tell the user: renamed fields, values cut or
/// changed in type, a .prj that could not be written. <see cref="IFeatureFormat.Write"/> drops it; call
/// <see cref="ShapefileFormat.WriteWithReport"/> to get it.
/// </summary>
public sealed class ShapefileWriteReport
{
    /// <summary>Shape type as named by the specification: Point, PolyLineZ, Polygon, …</summary>
    public required string ShapeType { get; init; }

    public required int Records { get; init; }

    /// <summary>Name written to the .cpg ("UTF-8", "GB18030").</summary>
    public required string Encoding { get; init; }

    /// <summary>Where the .prj came from: "EPSG:4547", "copied from the source .prj", or null when none was written.</summary>
    public string? Prj { get; init; }

    public required IReadOnlyList<ShapefileField> Fields { get; init; }

    public required IReadOnlyList<InputProblem> Warnings { get; init; }
}
