namespace OneBlueprint.Geo.Crs;

/// <summary>How users write coordinate systems: "EPSG:4547", "epsg:4547", "4547" or an OGC URN.</summary>
public static class EpsgCode
{
    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        var colon = t.LastIndexOf(':');
        if (colon >= 0)
        {
            var authority = t[..colon];
            if (!authority.Contains("EPSG", StringComparison.OrdinalIgnoreCase)) return null;
            t = t[(colon + 1)..];
        }
        return int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }

    public static string Format(int srid) => $"EPSG:{srid}";
}
