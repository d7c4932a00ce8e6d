using OneBlueprint.Geo.Features;

namespace OneBlueprint.Geo.Problems;

public enum ProblemSeverity { Warning, Error }

/// <summary>
/// Something wrong with an input, said so a person can act on it: what is wrong, where (file, line or
/// record, coordinate) and how to fix it. The same record becomes a CLI message, a ProblemDetails entry
/// and a warning inside a result.
/// </summary>
public sealed record InputProblem(
    ProblemSeverity Severity,
    string Code,
    string What,
    SourceLocation? Where,
    string HowToFix)
{
    public static InputProblem Error(string code, string what, SourceLocation? where, string howToFix) =>
        new(ProblemSeverity.Error, code, what, where, howToFix);

    public static InputProblem Warning(string code, string what, SourceLocation? where, string howToFix) =>
        new(ProblemSeverity.Warning, code, what, where, howToFix);

    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()} {Code}: {What}{(Where is null ? "" : $" ({Where})")}. {HowToFix}";
}
