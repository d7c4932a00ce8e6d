using System.Globalization;
using System.Text.RegularExpressions;

namespace OneBlueprint.Formats.Tests.Shapefile;

/// <summary>
/// The parts of <c>ogrinfo -al</c> output the tests compare: layer summary lines, field definitions and,
/// per feature, the attribute values as printed and the geometry WKT.
/// </summary>
internal sealed partial class OgrInfoOutput
{
    public Dictionary<string, string> Summary { get; } = new();

    /// <summary>Field name → type as printed ("String (18.0)", "Integer64 (3.0)").</summary>
    public Dictionary<string, string> FieldDefinitions { get; } = new();

    public List<OgrFeature> Features { get; } = new();

    public sealed class OgrFeature
    {
        public Dictionary<string, string> Values { get; } = new();
        public string? Wkt { get; set; }
    }

    public static OgrInfoOutput Parse(string text)
    {
        var output = new OgrInfoOutput();
        OgrFeature? current = null;
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("OGRFeature(", StringComparison.Ordinal))
            {
                output.Features.Add(current = new OgrFeature());
                continue;
            }
            if (current is null)
            {
                var definition = FieldDefinition().Match(line);
                if (definition.Success) output.FieldDefinitions[definition.Groups[1].Value] = definition.Groups[2].Value;
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon > 0 && !line.StartsWith(' ')) output.Summary.TryAdd(line[..colon], line[(colon + 2)..]);
                continue;
            }
            var value = FieldValue().Match(line);
            if (value.Success) current.Values[value.Groups[1].Value] = value.Groups[3].Value;
            else if (Geometry().IsMatch(line)) current.Wkt = line.Trim();
        }
        return output;
    }

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^([^\s:][^:]*): (\w+(?:\(\w+\))? \(\d+\.\d+\)|Date|String|Integer|Real)")]
    private static partial Regex FieldDefinition();

    [GeneratedRegex(@"^  (\S+) \(([^)]*(?:\)[^)]*)?)\) = (.*)$")]
    private static partial Regex FieldValue();

    [GeneratedRegex(@"^  (POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON)\b")]
    private static partial Regex Geometry();
}
