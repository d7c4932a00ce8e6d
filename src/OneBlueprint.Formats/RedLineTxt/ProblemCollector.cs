using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// Gathers the problems of one read so a person sees every error of a file at once instead of fixing
/// them one run at a time. Errors past <see cref="MaxErrors"/> are counted, not listed, so a file that is
/// wrong on every line does not produce a wall of text.
/// </summary>
internal sealed class ProblemCollector(string sourceName)
{
    public const int MaxErrors = 50;

    private readonly List<InputProblem> _errors = new();
    private int _unlisted;

    public string SourceName { get; } = sourceName;

    public List<InputProblem> Warnings { get; } = new();

    public bool HasErrors => _errors.Count > 0;

    public SourceLocation At(int? line, double? x = null, double? y = null) => new(SourceName, line, X: x, Y: y);

    public void Error(string code, string what, int? line, string howToFix)
    {
        if (_errors.Count >= MaxErrors) { _unlisted++; return; }
        _errors.Add(InputProblem.Error(code, what, At(line), howToFix));
    }

    public void Warning(string code, string what, int? line, string howToFix) =>
        Warnings.Add(InputProblem.Warning(code, what, At(line), howToFix));

    /// <summary>Throws an <see cref="InputException"/> (400) holding every error so far, if there is one.</summary>
    public void ThrowIfErrors()
    {
        if (!HasErrors) return;
        var problems = new List<InputProblem>(_errors);
        if (_unlisted > 0)
            problems.Add(InputProblem.Error(RedLineTxtCodes.TooManyErrors,
                $"{_unlisted} more errors not listed", At(null), "Fix the errors above and read the file again."));
        throw new InputException(problems);
    }
}
