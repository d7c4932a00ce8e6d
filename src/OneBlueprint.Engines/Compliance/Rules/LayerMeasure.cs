using System.Text.Json.Serialization;

namespace OneBlueprint.Engines.Compliance.Rules;

/// <summary>What of a layer matters for its rules.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LayerMeasure>))]
public enum LayerMeasure
{
    /// <summary>The part of the red line inside the layer's features (protection lines: occupying them is the issue).</summary>
    [JsonStringEnumMemberName("overlap")] Overlap,

    /// <summary>The part of the red line outside the layer's features (城镇开发边界: leaving it is the issue).</summary>
    [JsonStringEnumMemberName("outside")] Outside,
}
