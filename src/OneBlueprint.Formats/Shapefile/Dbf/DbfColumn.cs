using System.Globalization;

namespace OneBlueprint.Formats.Shapefile.Dbf;

internal enum DbfColumnKind { Text, Integer, Real, Logical, Date }

/// <summary>
/// One attribute as the writer stores it: the attribute name in the feature set, the stored field name
/// (≤ 10 bytes, unique ignoring case), the dBASE type and the width computed from the data.
/// <see cref="Exponent"/> marks a real column whose values fixed notation cannot hold in 254 characters;
/// they are written in shortest round-trip form with an exponent.
/// </summary>
internal sealed class DbfColumn
{
    public required string Attribute { get; init; }
    public required string Name { get; init; }
    public required byte[] NameBytes { get; init; }
    public required DbfColumnKind Kind { get; init; }
    public required int Length { get; init; }
    public int Decimals { get; init; }
    public bool Exponent { get; init; }

    public char Type => Kind switch
    {
        DbfColumnKind.Text => 'C',
        DbfColumnKind.Logical => 'L',
        DbfColumnKind.Date => 'D',
        _ => 'N',
    };

    /// <summary>The ASCII text of a non-text value (text values are encoded by the writer), or null for a null value.</summary>
    public string? FormatNonText(object value) => Kind switch
    {
        DbfColumnKind.Integer => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        DbfColumnKind.Real => FormatReal(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        DbfColumnKind.Logical => (bool)value ? "T" : "F",
        DbfColumnKind.Date => AsDate(value).ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException("text values are encoded by the writer"),
    };

    private string? FormatReal(double value) =>
        !double.IsFinite(value) ? null
        : Exponent ? DbfNumberFormat.Shortest(value)
        : DbfNumberFormat.Fixed(value, Decimals);

    public static DateOnly AsDate(object value) => value is DateTime dt ? DateOnly.FromDateTime(dt) : (DateOnly)value;

    /// <summary>How a value of a text column (or one that fell back to text) is written.</summary>
    public static string AsText(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero && t.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd" : "O", CultureInfo.InvariantCulture),
        double v => DbfNumberFormat.Shortest(v),
        float v => v.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
