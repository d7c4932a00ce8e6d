using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>
/// Gathers the problems of one read, so a person sees every error of a file at once. Errors past the cap
/// are counted, not listed. Warnings, and errors that tend to repeat on every coordinate (out of range),
/// are kept once per code — the first occurrence with its location — with a count of the others, so a
/// file whose every ring winds the wrong way gives one line, not thousands.
/// </summary>
internal sealed class GeoJsonProblems(string sourceName, int maxErrors)
{
    private readonly List<InputProblem> _errors = new();
    private readonly List<InputProblem> _warnings = new();
    private readonly Dictionary<string, (int Position, bool IsError, int Count)> _grouped = new();
    private int _unlisted;

    public string SourceName { get; } = sourceName;

    public bool HasErrors => _errors.Count > 0;

    public void Error(string code, string what, SourceLocation where, string howToFix)
    {
        if (_errors.Count >= maxErrors) { _unlisted++; return; }
        _errors.Add(InputProblem.Error(code, what, where, howToFix));
    }

    /// <summary>An error listed once per code, with a count of its repetitions.</summary>
    public void GroupedError(string code, string what, SourceLocation where, string howToFix) =>
        Grouped(code, isError: true, () => InputProblem.Error(code, what, where, howToFix));

    public void Warning(string code, string what, SourceLocation where, string howToFix) =>
        Grouped(code, isError: false, () => InputProblem.Warning(code, what, where, howToFix));

    /// <summary>True when a grouped problem of this code was already recorded (so callers can skip building its text).</summary>
    public bool Seen(string code) => _grouped.ContainsKey(code);

    /// <summary>Counts one more occurrence of an already recorded grouped problem.</summary>
    public void CountAgain(string code)
    {
        var entry = _grouped[code];
        _grouped[code] = entry with { Count = entry.Count + 1 };
    }

    private void Grouped(string code, bool isError, Func<InputProblem> make)
    {
        if (_grouped.ContainsKey(code)) { CountAgain(code); return; }
        var list = isError ? _errors : _warnings;
        if (isError && _errors.Count >= maxErrors) { _unlisted++; return; }
        _grouped[code] = (list.Count, isError, 1);
        list.Add(make());
    }

    public List<InputProblem> Warnings() => WithCounts(_warnings, isError: false);

    /// <summary>Throws an <see cref="InputException"/> (400) with every error, then the warnings, if there is an error.</summary>
    public void ThrowIfErrors()
    {
        if (!HasErrors) return;
        var problems = WithCounts(_errors, isError: true);
        if (_unlisted > 0)
            problems.Add(InputProblem.Error(GeoJsonCodes.TooManyErrors, $"{_unlisted} more errors not listed",
                new SourceLocation(SourceName), "Fix the errors above and send the GeoJSON again."));
        problems.AddRange(Warnings());
        throw new InputException(problems);
    }

    /// <summary>"… (and 12 more like it) — at features[3]…": the count goes before the location of the first one.</summary>
    private static string WithCount(string what, int more)
    {
        var at = what.LastIndexOf(GeoJsonParser.LocationSeparator, StringComparison.Ordinal);
        var note = $" (and {more} more like it)";
        return at < 0 ? what + note : what.Insert(at, note);
    }

    private List<InputProblem> WithCounts(List<InputProblem> problems, bool isError)
    {
        var result = new List<InputProblem>(problems);
        foreach (var (code, (position, error, count)) in _grouped)
            if (error == isError && count > 1)
                result[position] = result[position] with { What = WithCount(result[position].What, count - 1) };
        return result;
    }
}
