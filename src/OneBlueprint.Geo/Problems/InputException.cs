namespace OneBlueprint.Geo.Problems;

/// <summary>
/// Thrown when an input cannot be used. HTTP turns it into a 4xx ProblemDetails (400 for malformed input,
/// 422 for well-formed input that breaks a rule), the CLI into a message and exit code 2.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(IReadOnlyList<InputProblem> problems, int statusCode = 400)
        : base(problems.Count == 0 ? "invalid input" : problems[0].ToString())
    {
        Problems = problems;
        StatusCode = statusCode;
    }

    public InputException(InputProblem problem, int statusCode = 400) : this([problem], statusCode) { }

    public IReadOnlyList<InputProblem> Problems { get; }

    public int StatusCode { get; }
}
