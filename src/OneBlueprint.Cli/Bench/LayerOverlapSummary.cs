namespace OneBlueprint.Cli.Bench;

/// <summary>
/// How often the red lines met one control layer (per the engine's areas): the workload behind the timings — a layer
/// no red line touches costs only an index query.
/// </summary>
public sealed record LayerOverlapSummary(string Code, int RedLinesOverlapping, IReadOnlyDictionary<string, int> ByClass, double MeanOverlapHa)
{
    public static IReadOnlyList<LayerOverlapSummary> Of(LayerAreas areas, IReadOnlyList<BenchRedLine> redLines) =>
        areas.Codes.Select((code, k) =>
        {
            var hits = redLines.Where(r => areas.Values[r.Index][k] > 0).ToArray();
            return new LayerOverlapSummary(
                code,
                hits.Length,
                Enum.GetValues<RedLineClass>().ToDictionary(c => c.ToName(), c => hits.Count(r => r.Class == c)),
                hits.Length == 0 ? 0 : hits.Average(r => areas.Values[r.Index][k]) / 10_000);
        }).ToArray();
}
