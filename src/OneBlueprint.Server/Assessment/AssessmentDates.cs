using System.Globalization;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Assessment;

/// <summary>
/// The day validity is judged on: a date=YYYY-MM-DD the caller gives, else today in China Standard Time (UTC+8; the
/// whole country keeps one time zone, and a result valid "until 2025-06-30" ends at midnight Beijing time).
/// </summary>
public static class AssessmentDates
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly Today() => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(ChinaOffset).DateTime);

    /// <summary><paramref name="text"/> as YYYY-MM-DD, or today when it is empty; a malformed date is a 400 problem.</summary>
    public static DateOnly ParseOrToday(string? text, string name = "date")
    {
        if (string.IsNullOrWhiteSpace(text)) return Today();
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new InputException(InputProblem.Error("query.date", $"{name}={text} is not a date", null,
            $"Write the day as YYYY-MM-DD, e.g. {name}=2026-06-30; leave it out for today (Beijing time)."));
    }
}
