using System.Globalization;

namespace OneBlueprint.Formats.GeoPackage;

/// <summary>
/// Attribute values between .NET and GeoPackage columns. Writing: which column type a value asks for, how
/// types of one column merge (long+double → REAL, DateOnly+DateTime → DATETIME, anything else mixed →
/// TEXT), and the value stored. Reading: the declared type decides the .NET type. DATE is 'yyyy-MM-dd',
/// DATETIME is ISO 8601 UTC with milliseconds and 'Z' as the standard requires: local times are converted
/// to UTC, unspecified ones are taken as UTC, and sub-millisecond ticks are dropped.
/// </summary>
internal static class AttributeValues
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The column type a single non-null value needs.</summary>
    public static ColumnType TypeOf(object value) => value switch
    {
        string => ColumnType.Text,
        long or int or short or sbyte or byte or ushort or uint => ColumnType.Integer,
        ulong u => u <= long.MaxValue ? ColumnType.Integer : ColumnType.Text,
        double or float or decimal => ColumnType.Real,
        bool => ColumnType.Boolean,
        DateOnly => ColumnType.Date,
        DateTime or DateTimeOffset => ColumnType.DateTime,
        _ => ColumnType.Text,
    };

    /// <summary>The narrowest column type that holds values of both types.</summary>
    public static ColumnType Merge(ColumnType a, ColumnType b)
    {
        if (a == b) return a;
        if (Is(ColumnType.Integer, ColumnType.Real)) return ColumnType.Real;
        if (Is(ColumnType.Date, ColumnType.DateTime)) return ColumnType.DateTime;
        return ColumnType.Text;

        bool Is(ColumnType x, ColumnType y) => (a == x && b == y) || (a == y && b == x);
    }

    /// <summary>The value to bind for a column of <paramref name="type"/> (DBNull for null).</summary>
    public static object ToDb(object? value, ColumnType type) => value switch
    {
        null => DBNull.Value,
        _ => type switch
        {
            ColumnType.Integer => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            ColumnType.Real => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            ColumnType.Boolean => (bool)value ? 1L : 0L,
            ColumnType.Date => ((DateOnly)value).ToString(DateFormat, CultureInfo.InvariantCulture),
            ColumnType.DateTime => FormatDateTime(value),
            _ => ToText(value),
        },
    };

    private static string FormatDateTime(object value)
    {
        var utc = value switch
        {
            DateOnly d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            DateTimeOffset o => o.UtcDateTime,
            DateTime { Kind: DateTimeKind.Local } t => t.ToUniversalTime(),
            DateTime t => t,
            _ => throw new InvalidOperationException($"not a date/time: {value.GetType()}"),
        };
        return utc.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
    }

    private static string ToText(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString(DateFormat, CultureInfo.InvariantCulture),
        DateTime or DateTimeOffset => FormatDateTime(value),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// A stored value (long, double, string or byte[] as SQLite keeps it) as the declared type asks; null when
    /// the stored value does not fit the type (the caller then keeps the raw value and warns).
    /// </summary>
    public static object? FromDb(object stored, ColumnType type) => type switch
    {
        ColumnType.Integer => stored switch
        {
            long l => l,
            double d when d == Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue => (long)d,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
            _ => null,
        },
        ColumnType.Real => stored switch
        {
            double d => d,
            long l => (double)l,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        },
        ColumnType.Boolean => stored switch
        {
            long l => l != 0,
            double d => d != 0,
            string s when bool.TryParse(s, out var b) => b,
            string s when s is "0" or "1" => s == "1",
            _ => null,
        },
        ColumnType.Date => stored is string s && DateOnly.TryParseExact(s.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        ColumnType.DateTime => stored is string s && DateTime.TryParse(s.Trim(), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null,
        ColumnType.Text => stored switch
        {
            string s => s,
            long or double => ToText(stored),
            _ => null,
        },
        _ => stored is byte[] ? null : stored,
    };
}
