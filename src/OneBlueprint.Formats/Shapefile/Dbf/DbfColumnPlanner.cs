using System.Text;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Formats.Shapefile.Dbf;

/// <summary>
/// Decides the .dbf columns for a feature set from its data: one column per attribute name (in order of
/// first appearance), its dBASE type from the values' .NET types, its width from the longest value, and
/// a stored name of at most 10 bytes that is unique ignoring case (dBASE names are case-insensitive).
/// <para>
/// Types: string → C; long/int → N(w,0); double/float/decimal → N(w,d) with d ≥ 1 so it reads back as a
/// double, and enough decimals for every value to read back exactly; bool → L; DateOnly and DateTime at
/// midnight → D. Integers mixed with reals become reals; any other mix, and DateTime with a time of day,
/// becomes text — with a warning, since the type changes.
/// </para>
/// </summary>
internal static class DbfColumnPlanner
{
    public static List<DbfColumn> Plan(IReadOnlyList<GeoFeature> features, Encoding encoding, Action<string, string> warn)
    {
        var kinds = new OrderedDictionary<string, DbfColumnKind?>(StringComparer.Ordinal);
        var textReasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in features)
        foreach (var (name, value) in feature.Attributes)
        {
            kinds.TryGetValue(name, out var known);
            var kind = KindOf(value, out var reason);
            if (reason is not null) textReasons.TryAdd(name, reason);
            kinds[name] = Combine(known, kind, name, textReasons);
        }

        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var columns = new List<DbfColumn>();
        foreach (var (attribute, maybeKind) in kinds)
        {
            var kind = maybeKind ?? DbfColumnKind.Text;
            if (kind == DbfColumnKind.Text && textReasons.TryGetValue(attribute, out var reason))
                warn("field-as-text", $"attribute \"{attribute}\" is written as text because {reason}");
            var (name, nameBytes) = StoredName(attribute, encoding, usedNames);
            if (name != attribute)
                warn("field-renamed", $"attribute \"{attribute}\" is stored as field \"{name}\" (dBASE field names hold at most 10 bytes and must be unique ignoring case)");
            columns.Add(Size(attribute, name, nameBytes, kind, features, encoding, warn));
        }
        return columns;
    }

    private static DbfColumnKind? KindOf(object? value, out string? textReason)
    {
        textReason = null;
        switch (value)
        {
            case null: return null;
            case bool: return DbfColumnKind.Logical;
            case DateOnly: return DbfColumnKind.Date;
            case DateTime t when t.TimeOfDay == TimeSpan.Zero: return DbfColumnKind.Date;
            case DateTime:
                textReason = "it holds date-times with a time of day, which a dBASE date (D) cannot keep";
                return DbfColumnKind.Text;
            case sbyte or byte or short or ushort or int or uint or long: return DbfColumnKind.Integer;
            case ulong u: return u <= long.MaxValue ? DbfColumnKind.Integer : DbfColumnKind.Real;
            case float or double or decimal: return DbfColumnKind.Real;
            case string or char: return DbfColumnKind.Text;
            default:
                textReason = $"it holds values of type {value.GetType().Name}";
                return DbfColumnKind.Text;
        }
    }

    private static DbfColumnKind? Combine(DbfColumnKind? known, DbfColumnKind? next, string name, Dictionary<string, string> textReasons)
    {
        if (known is null) return next;
        if (next is null || known == next) return known;
        if (known is DbfColumnKind.Integer or DbfColumnKind.Real && next is DbfColumnKind.Integer or DbfColumnKind.Real)
            return DbfColumnKind.Real;
        textReasons.TryAdd(name, $"it mixes {known} and {next} values");
        return DbfColumnKind.Text;
    }

    private static DbfColumn Size(string attribute, string name, byte[] nameBytes, DbfColumnKind kind,
        IReadOnlyList<GeoFeature> features, Encoding encoding, Action<string, string> warn)
    {
        IEnumerable<object> Values() => features
            .Select(f => f.Attributes.TryGetValue(attribute, out var v) ? v : null)
            .Where(v => v is not null)!;

        DbfColumn Column(int length, int decimals = 0, bool exponent = false) => new()
        {
            Attribute = attribute, Name = name, NameBytes = nameBytes, Kind = kind,
            Length = Math.Max(1, length), Decimals = decimals, Exponent = exponent,
        };

        switch (kind)
        {
            case DbfColumnKind.Logical: return Column(1);
            case DbfColumnKind.Date: return Column(8);
            case DbfColumnKind.Integer: return Column(Values().Select(v => Column(0).FormatNonText(v)!.Length).DefaultIfEmpty(1).Max());
            case DbfColumnKind.Real:
            {
                var numbers = Values().Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                if (numbers.Any(v => !double.IsFinite(v)))
                    warn("not-finite", $"attribute \"{attribute}\" holds NaN or infinite values; dBASE cannot store them, they are written as empty (null)");
                var finite = numbers.Where(double.IsFinite).ToList();
                var decimals = Math.Max(1, finite.Select(DbfNumberFormat.DecimalsFor).DefaultIfEmpty(1).Max());
                var width = finite.Select(v => DbfNumberFormat.Fixed(v, decimals).Length).DefaultIfEmpty(decimals + 2).Max();
                if (width <= DbfField.MaxTextBytes) return Column(width, decimals);
                // Fixed notation would not fit (e.g. 1e-300): exponent form, still N so readers see a real.
                var exponentWidth = Math.Max(3, finite.Max(v => DbfNumberFormat.Shortest(v).Length));
                return Column(exponentWidth, Math.Min(15, exponentWidth - 2), exponent: true);
            }
            default:
            {
                var longest = 1;
                var truncated = 0;
                foreach (var value in Values())
                {
                    var bytes = encoding.GetByteCount(DbfColumn.AsText(value));
                    if (bytes > DbfField.MaxTextBytes) truncated++;
                    longest = Math.Max(longest, Math.Min(bytes, DbfField.MaxTextBytes));
                }
                if (truncated > 0)
                    warn("text-truncated", $"{truncated} values of attribute \"{attribute}\" are longer than {DbfField.MaxTextBytes} bytes in {encoding.WebName} and were cut (at a character boundary)");
                return Column(longest);
            }
        }
    }

    private static (string Name, byte[] Bytes) StoredName(string attribute, Encoding encoding, HashSet<string> used)
    {
        var cleaned = attribute.Replace("\0", "").Trim();
        var stem = cleaned.Length == 0 ? "FIELD" : cleaned;
        var name = TextBytes.Truncate(stem, encoding, DbfField.MaxNameBytes).Text;
        for (var n = 1; !used.Add(name); n++)
        {
            var suffix = "_" + n;
            name = TextBytes.Truncate(stem, encoding, DbfField.MaxNameBytes - suffix.Length).Text + suffix;
        }
        return (name, encoding.GetBytes(name));
    }
}
