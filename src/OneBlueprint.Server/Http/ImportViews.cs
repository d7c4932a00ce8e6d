using OneBlueprint.Server.Problems;
using OneBlueprint.Storage.Import;

namespace OneBlueprint.Server.Http;

/// <summary>An import result as JSON: the new version, counts, repairs and warnings with their locations.</summary>
public static class ImportViews
{
    public sealed record ImportView(string LayerCode, int Version, int FeatureCount, int RepairedCount, int SourceSrid, int WorkingSrid,
        double[]? Bbox, IReadOnlyList<object> Repairs, IReadOnlyList<object> Warnings, double ElapsedSeconds);

    public static ImportView ToView(LayerImportResult r) =>
        new(r.LayerCode, r.Version, r.FeatureCount, r.RepairedCount, r.SourceSrid, r.WorkingSrid,
            LayerViews.LonLatBox(r.Bbox, r.WorkingSrid), r.Repairs.Select(ProblemMapping.ToJson).ToList(),
            r.Warnings.Select(ProblemMapping.ToJson).ToList(), Math.Round(r.Elapsed.TotalSeconds, 3));
}
