namespace OneBlueprint.Server.Reports.Map;

/// <summary>
/// Size and drawing choices of <see cref="SvgMap"/>. Sizes are SVG pixels (the viewBox units): the page scales the
/// whole SVG to its width, so <see cref="Width"/> mostly fixes how large text and lines are relative to the map.
/// </summary>
public sealed record SvgMapOptions
{
    public static SvgMapOptions Default { get; } = new();

    public double Width { get; init; } = 960;

    /// <summary>Height of the map frame; corner labels and the legend come on top of it.</summary>
    public double MapHeight { get; init; } = 760;

    /// <summary>Space around the red line, as a fraction of its larger side, so the context shows.</summary>
    public double MarginFraction { get; init; } = 0.35;

    /// <summary>The smallest extent shown (metres), so a tiny red line is not blown up to fill the frame.</summary>
    public double MinExtentMetres { get; init; } = 300;

    /// <summary>Simplification tolerance in pixels (TopologyPreservingSimplifier): half a pixel is invisible.</summary>
    public double SimplifyPixels { get; init; } = 0.5;

    /// <summary>At most this many feature labels, the largest features first.</summary>
    public int MaxLabels { get; init; } = 60;
}
