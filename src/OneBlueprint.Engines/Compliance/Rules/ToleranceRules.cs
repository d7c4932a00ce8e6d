namespace OneBlueprint.Engines.Compliance.Rules;

/// <summary>
/// What separates a real overlap from survey noise: an overlap smaller than <see cref="MinAreaM2"/>, or whose mean
/// width 2·area/perimeter is below <see cref="MinMeanWidthM"/>, is an edge contact — reported, but verdict pass.
/// Applied per overlapped feature, and to the outside part of the red line for "outside" layers.
/// </summary>
public sealed record ToleranceRules
{
    public double MinAreaM2 { get; init; } = 1.0;
    public double MinMeanWidthM { get; init; } = 0.05;

    public bool IsEdgeContact(double area, double perimeter) =>
        area < MinAreaM2 || perimeter > 0 && 2 * area / perimeter < MinMeanWidthM;
}
