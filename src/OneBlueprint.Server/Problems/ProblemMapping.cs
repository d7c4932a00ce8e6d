using Microsoft.AspNetCore.Mvc;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Problems;

/// <summary>
/// Turns input problems into RFC 9457 ProblemDetails: the title says what kind of failure, <c>detail</c>
/// the first problem in a sentence, and <c>problems[]</c> every problem with its location and fix.
/// </summary>
public static class ProblemMapping
{
    public static ProblemDetails ToProblemDetails(InputException ex, string? instance = null)
    {
        var details = new ProblemDetails
        {
            Status = ex.StatusCode,
            Title = ex.StatusCode switch
            {
                404 => "Not found",
                413 => "Input too large",
                422 => "The input breaks a rule",
                _ => "The input cannot be read",
            },
            Detail = ex.Problems.Count > 0 ? $"{ex.Problems[0].What}. {ex.Problems[0].HowToFix}" : ex.Message,
            Instance = instance,
            Type = $"https://oneblueprint.local/problems/{(ex.Problems.Count > 0 ? ex.Problems[0].Code : "input")}",
        };
        details.Extensions["problems"] = ex.Problems.Select(ToJson).ToList();
        return details;
    }

    public static object ToJson(InputProblem p) => new
    {
        severity = p.Severity.ToString().ToLowerInvariant(),
        code = p.Code,
        what = p.What,
        where = p.Where is null ? null : new { file = p.Where.File, line = p.Where.Line, record = p.Where.Record, x = p.Where.X, y = p.Where.Y },
        howToFix = p.HowToFix,
    };
}
