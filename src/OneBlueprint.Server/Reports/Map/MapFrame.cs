using NetTopologySuite.Geometries;

namespace OneBlueprint.Server.Reports.Map;

/// <summary>
/// The map's projection from the working CRS (metres, y = north) into the SVG's pixel space (y = down): a uniform
/// scale (same in x and y, so shapes keep their proportions) and a y flip. <see cref="World"/> is the extent shown,
/// grown so its aspect ratio equals the frame's; <see cref="Left"/>, <see cref="Top"/>, <see cref="Width"/> and
/// <see cref="Height"/> place it in the SVG.
/// </summary>
internal sealed class MapFrame
{
    private MapFrame(Envelope world, double left, double top, double width, double height, double scale)
    {
        World = world;
        Left = left;
        Top = top;
        Width = width;
        Height = height;
        Scale = scale;
    }

    public Envelope World { get; }
    public double Left { get; }
    public double Top { get; }
    public double Width { get; }
    public double Height { get; }

    /// <summary>SVG pixels per metre.</summary>
    public double Scale { get; }

    public double MetresPerPixel => 1 / Scale;

    public double ToSvgX(double x) => Left + (x - World.MinX) * Scale;
    public double ToSvgY(double y) => Top + (World.MaxY - y) * Scale;

    /// <summary>
    /// A frame showing <paramref name="content"/> with a margin of <paramref name="marginFraction"/> of its larger side
    /// on every side (at least <paramref name="minExtent"/> metres across), centred.
    /// </summary>
    public static MapFrame Fit(Envelope content, double left, double top, double width, double height, double marginFraction, double minExtent)
    {
        var cx = content.Centre.X;
        var cy = content.Centre.Y;
        var side = Math.Max(Math.Max(content.Width, content.Height) * (1 + 2 * marginFraction), minExtent);
        var w = Math.Max(side, content.Width * (1 + 2 * marginFraction));
        var h = Math.Max(side, content.Height * (1 + 2 * marginFraction));
        // Grow the shorter direction so the world box has the frame's aspect ratio.
        var aspect = width / height;
        if (w / h > aspect) h = w / aspect;
        else w = h * aspect;
        var world = new Envelope(cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2);
        return new MapFrame(world, left, top, width, height, width / w);
    }
}
