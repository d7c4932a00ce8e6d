using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;

namespace OneBlueprint.Server.Reports.Map;

/// <summary>
/// Places feature labels so they stay readable on a crowded map: features the red line overlaps first, then the
/// others by size; a label is dropped when it would cover one already placed, leave the frame, or (for features
/// the red line does not touch) be much wider than its feature. At most <c>max</c> labels.
/// </summary>
internal sealed class MapLabeller(MapFrame frame, int max)
{
    private const double FontSize = 12;
    private const int MaxCharacters = 24;

    private readonly List<(bool Overlapped, double Area, double X, double Y, double FeatureWidth, string Text)> _candidates = [];

    /// <summary>Offers the label of a feature as drawn (simplified and clipped, working CRS).</summary>
    public void Offer(string? label, Geometry drawn, bool overlapped)
    {
        if (string.IsNullOrWhiteSpace(label) || drawn.Dimension != Dimension.Surface) return;
        var areaPx = drawn.Area * frame.Scale * frame.Scale;
        if (areaPx < (overlapped ? 300 : 900)) return;
        Point? at;
        try
        {
            at = drawn.InteriorPoint;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return; // invalid real data: no label rather than no map
        }
        if (at is null || at.IsEmpty) return;
        var text = label.Trim();
        if (text.Length > MaxCharacters) text = text[..(MaxCharacters - 1)] + "…";
        _candidates.Add((overlapped, areaPx, frame.ToSvgX(at.X), frame.ToSvgY(at.Y), drawn.EnvelopeInternal.Width * frame.Scale, text));
    }

    public string Render()
    {
        if (_candidates.Count == 0 || max <= 0) return "";
        var placed = new List<(double X1, double Y1, double X2, double Y2)>();
        var sb = new StringBuilder("<g class=\"labels\" font-size=\"12\" fill=\"#212121\" text-anchor=\"middle\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-opacity=\"0.85\" paint-order=\"stroke\">\n");
        foreach (var c in _candidates.OrderByDescending(c => c.Overlapped).ThenByDescending(c => c.Area))
        {
            if (placed.Count >= max) break;
            var width = TextWidth(c.Text) + 4;
            if (!c.Overlapped && width > c.FeatureWidth * 1.2) continue;
            var box = (X1: c.X - width / 2, Y1: c.Y - FontSize / 2 - 2, X2: c.X + width / 2, Y2: c.Y + FontSize / 2 + 2);
            if (box.X1 < frame.Left || box.X2 > frame.Left + frame.Width || box.Y1 < frame.Top || box.Y2 > frame.Top + frame.Height) continue;
            if (placed.Any(p => box.X1 < p.X2 && p.X1 < box.X2 && box.Y1 < p.Y2 && p.Y1 < box.Y2)) continue;
            placed.Add(box);
            sb.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{SvgPathWriter.Num(Math.Round(c.X, 1))}\" y=\"{SvgPathWriter.Num(Math.Round(c.Y + 4, 1))}\">{Html.Escape(c.Text)}</text>\n");
        }
        return sb.Append("</g>\n").ToString();
    }

    /// <summary>Rough text width: CJK characters are one em wide, others a bit over half.</summary>
    internal static double TextWidth(string text, double fontSize = FontSize) =>
        text.Sum(ch => ch >= 0x2E80 ? 1.0 : 0.58) * fontSize;
}
