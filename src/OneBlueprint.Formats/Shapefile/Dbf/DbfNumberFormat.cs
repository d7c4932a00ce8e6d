using System.Globalization;

namespace OneBlueprint.Formats.Shapefile.Dbf;

/// <summary>
/// Text forms of numbers in dBASE N fields that read back to exactly the same double. A field has one
/// decimal count, so a column gets the largest count any of its values needs; fixed notation with more
/// decimals than a value needs still reads back exactly (the digits are correctly rounded, so they
/// stay within the value's rounding interval — and <see cref="DecimalsFor"/> checks it anyway).
/// </summary>
internal static class DbfNumberFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Fewest decimals with which fixed notation of <paramref name="value"/> (finite) parses back to it.</summary>
    public static int DecimalsFor(double value)
    {
        var shortest = value.ToString("R", Invariant);
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, Invariant);
        var dot = mantissa.IndexOf('.');
        var decimals = Math.Max(0, (dot < 0 ? 0 : mantissa.Length - dot - 1) - exponent);
        while (decimals < 400 && !ReadsBack(Fixed(value, decimals), value)) decimals++;
        return decimals;
    }

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, Invariant);

    /// <summary>Shortest round-trip text, possibly with an exponent ("1.5E-300"); GDAL and this reader parse it.</summary>
    public static string Shortest(double value) => value.ToString("R", Invariant);

    public static bool ReadsBack(string text, double value) =>
        double.TryParse(text, NumberStyles.Float, Invariant, out var parsed) && parsed.Equals(value);
}
