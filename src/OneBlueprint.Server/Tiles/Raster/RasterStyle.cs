using System.Text.Json.Nodes;

namespace OneBlueprint.Server.Tiles.Raster;

/// <summary>
/// How a layer is painted, read from the catalogue's style JSON (fill, fillOpacity, stroke, strokeOpacity,
/// strokeWidth in CSS pixels, dash): a null colour is not painted. A layer without any style gets a grey outline,
/// so it never renders invisible.
/// </summary>
public sealed record RasterStyle(RasterColour? Fill, RasterColour? Stroke, double StrokeWidth, double[] Dash)
{
    public static readonly RasterStyle Fallback = new(null, new RasterColour(0.38, 0.38, 0.38, 1), 1, []);

    public static RasterStyle From(JsonObject? style)
    {
        if (style is null || style.Count == 0) return Fallback;
        var fill = RasterColour.Parse(Text(style, "fill"), Number(style, "fillOpacity") ?? 1);
        var stroke = RasterColour.Parse(Text(style, "stroke"), Number(style, "strokeOpacity") ?? 1);
        var dash = style["dash"] is JsonArray a
            ? a.Select(n => n is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0).Where(d => d > 0).ToArray()
            : [];
        return fill is null && stroke is null ? Fallback : new RasterStyle(fill, stroke, Number(style, "strokeWidth") ?? 1, dash);
    }

    private static string? Text(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Number(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
}
