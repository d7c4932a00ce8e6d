using System.Globalization;

namespace OneBlueprint.Engines.Discrepancy.Classification;

/// <summary>
/// An attribute value as the text classifications match on: trimmed strings, numbers in invariant culture without a
/// trailing ".0" (a code read as 211.0 from a shapefile is "211"), null for null, empty and non-finite values.
/// </summary>
internal static class ValueText
{
    public static string? Of(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : null,
        float f => float.IsFinite(f) ? f.ToString("R", CultureInfo.InvariantCulture) : null,
        decimal m => m.ToString("0.############################", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture).Trim() is { Length: > 0 } t ? t : null,
        _ => value.ToString()?.Trim() is { Length: > 0 } text ? text : null,
    };
}
