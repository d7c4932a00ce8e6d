using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.Shapefile;

/// <summary>
/// Collects warnings, keeping at most <see cref="PerCodeLimit"/> of each code so a file with a
/// million bad dates yields a readable list plus one line saying how many more there were.
/// </summary>
internal sealed class WarningCollector
{
    public const int PerCodeLimit = 20;

    private readonly List<InputProblem> _kept = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(InputProblem problem)
    {
        _counts.TryGetValue(problem.Code, out var count);
        _counts[problem.Code] = count + 1;
        if (count < PerCodeLimit) _kept.Add(problem);
    }

    /// <summary>The kept warnings followed by one summary per code that went over the limit.</summary>
    public List<InputProblem> ToList()
    {
        var result = new List<InputProblem>(_kept);
        foreach (var (code, count) in _counts)
            if (count > PerCodeLimit)
                result.Add(InputProblem.Warning(code, $"{count - PerCodeLimit} more warnings like the ones above ({code}) were left out", null,
                    "Fix the cause shown above; the same fix applies to the rest."));
        return result;
    }
}
