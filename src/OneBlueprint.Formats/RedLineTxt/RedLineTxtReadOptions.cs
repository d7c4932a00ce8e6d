namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>How strictly the reader compares a file's declarations with what its coordinates say.</summary>
public sealed record RedLineTxtReadOptions
{
    /// <summary>
    /// Largest accepted difference, in hectares, between a parcel's declared 面积 and the planar area of
    /// its polygon before a <see cref="RedLineTxtCodes.DeclaredArea"/> warning. The default 0.001 ha (10 m²)
    /// is well above the rounding of a 4-decimal hectare figure (0.00005 ha).
    /// </summary>
    public double DeclaredAreaToleranceHectares { get; init; } = 0.001;

    public static RedLineTxtReadOptions Default { get; } = new();
}
