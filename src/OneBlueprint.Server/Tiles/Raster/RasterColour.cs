using System.Globalization;

namespace OneBlueprint.Server.Tiles.Raster;

/// <summary>A straight (not premultiplied) colour with components 0–1.</summary>
public readonly record struct RasterColour(double R, double G, double B, double A)
{
    /// <summary>"#rrggbb" or "#rgb" with an opacity; null for "none", a missing or an unreadable colour.</summary>
    public static RasterColour? Parse(string? hex, double opacity)
    {
        if (hex is null || !hex.StartsWith('#')) return null;
        var h = hex[1..];
        if (h.Length == 3) h = string.Concat(h.Select(c => $"{c}{c}"));
        if (h.Length != 6 || !int.TryParse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb)) return null;
        return new RasterColour(((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0, Math.Clamp(opacity, 0, 1));
    }
}
