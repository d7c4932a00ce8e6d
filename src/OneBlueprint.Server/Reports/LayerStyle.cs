using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OneBlueprint.Server.Reports;

/// <summary>
/// How a control layer is painted on report maps: the catalogue's style jsonb (<c>fill</c>, <c>stroke</c>,
/// <c>fillOpacity</c>, <c>strokeWidth</c>, optional <c>dash</c>). Colours are CSS colours; <see cref="Fill"/> "none" draws
/// outlines only. Stroke width and dash lengths are in map pixels (the SVG's units). Anything that is not a plain
/// colour (#rgb, #rrggbb, a colour name, "none") is replaced by a default when read, so a catalogue entry cannot
/// inject markup into the SVG.
/// </summary>
public sealed record LayerStyle(string Fill, string Stroke, double FillOpacity = 0.3, double StrokeWidth = 1.0, IReadOnlyList<double>? Dash = null)
{
    /// <summary>Grey outline with a light fill: for layers without a style.</summary>
    public static LayerStyle Default { get; } = new("#9e9e9e", "#616161", 0.25, 1.0);

    private static readonly Regex PlainColour = new("^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,20})$", RegexOptions.CultureInvariant);

    /// <summary>Reads a catalogue style (missing or odd values fall back to <see cref="Default"/>'s).</summary>
    public static LayerStyle FromJson(JsonObject? style)
    {
        if (style is null) return Default;
        var fill = Colour(style["fill"], Default.Fill);
        var stroke = Colour(style["stroke"], fill == "none" ? Default.Stroke : fill);
        var opacity = Number(style["fillOpacity"]) is { } o and >= 0 and <= 1 ? o : Default.FillOpacity;
        var width = Number(style["strokeWidth"]) is { } w and > 0 and <= 20 ? w : Default.StrokeWidth;
        IReadOnlyList<double>? dash = null;
        if (style["dash"] is JsonArray array)
        {
            var values = array.Select(Number).ToArray();
            if (values.Length > 0 && values.All(v => v is > 0 and <= 100)) dash = values.Select(v => v!.Value).ToArray();
        }
        return new LayerStyle(fill, stroke, opacity, width, dash);
    }

    /// <summary>The colour if it is a plain one, else <paramref name="fallback"/>.</summary>
    internal static string SafeColour(string? colour, string fallback) =>
        colour is not null && PlainColour.IsMatch(colour.Trim()) ? colour.Trim() : fallback;

    private static string Colour(JsonNode? node, string fallback) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? SafeColour(text, fallback) : fallback;

    private static double? Number(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        if (value.TryGetValue<double>(out var d) && double.IsFinite(d)) return d;
        if (value.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed)) return parsed;
        return null;
    }
}
