using System.Globalization;

namespace OneBlueprint.Engines.Discrepancy;

/// <summary>
/// Which patches are too small to matter (碎片/细长图斑): a patch polygon is a sliver when its area is below
/// <see cref="MinAreaM2"/> or its mean width 2·area/perimeter (the width of a long strip) is below <see cref="MinWidthM"/>.
/// 0 turns a test off. Slivers are not patches: they are counted (how many, how much area, on which side) so area is
/// still conserved.
/// </summary>
public sealed record SliverRules(double MinAreaM2 = 0, double MinWidthM = 0)
{
    /// <summary>No filtering.</summary>
    public static SliverRules None { get; } = new();

    /// <summary>Below 1 m² or narrower than 0.1 m on average: boundary noise between plans digitised separately.</summary>
    public static SliverRules Default { get; } = new(1.0, 0.1);

    /// <summary>Mean width of a polygon: 2·area/perimeter (exact for a long strip; for a square of side s it is s/2).</summary>
    public static double MeanWidth(double areaM2, double perimeterM) => perimeterM > 0 ? 2 * areaM2 / perimeterM : 0;

    public bool IsTooSmall(double areaM2) => areaM2 < MinAreaM2;

    public bool IsTooNarrow(double areaM2, double perimeterM) => MinWidthM > 0 && MeanWidth(areaM2, perimeterM) < MinWidthM;

    public void Validate()
    {
        if (!(MinAreaM2 >= 0) || !double.IsFinite(MinAreaM2)) throw new ArgumentOutOfRangeException(nameof(MinAreaM2), MinAreaM2, "must be a finite number ≥ 0");
        if (!(MinWidthM >= 0) || !double.IsFinite(MinWidthM)) throw new ArgumentOutOfRangeException(nameof(MinWidthM), MinWidthM, "must be a finite number ≥ 0");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"area < {MinAreaM2} m² or mean width < {MinWidthM} m");
}
