namespace OneBlueprint.Geo.Crs;

/// <summary>
/// What <see cref="CrsGuess"/> made of some coordinates: the layout, the EPSG code they most likely are in
/// (after swapping axes when <see cref="AxesSwapped"/>), or null when the numbers cannot tell, and one plain
/// sentence for the user that says why.
/// </summary>
public sealed record CrsGuessResult(CoordinateLayout Layout, int? SuggestedSrid, string Description)
{
    /// <summary>True when x and y look exchanged; <see cref="SuggestedSrid"/> then applies after swapping them.</summary>
    public bool AxesSwapped => Layout is CoordinateLayout.LonLatSwapped or CoordinateLayout.GaussKrugerSwapped;
}
