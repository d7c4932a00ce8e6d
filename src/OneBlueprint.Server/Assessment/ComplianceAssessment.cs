using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Assessment.Coverage;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Assessment;

/// <summary>
/// The regional-assessment part of a stored compliance check filed under a project: the coverage of the checked red
/// line by the published results (today, Beijing time), added to the check's answer as an <c>assessment</c> member,
/// and — when some results may be reused — a usage record pointing at the check (the statistics' "projects that
/// reused results"). Kept out of the compliance engine: the check's verdict does not depend on it.
/// </summary>
public static class ComplianceAssessment
{
    /// <summary>The coverage of <paramref name="redLine"/> (working CRS), or null when no area is published.</summary>
    public static async Task<CoverageReport?> CoverAsync(ObDatabase db, Geometry redLine, int srid, CancellationToken ct)
    {
        var registry = await AssessmentRegistryCache.For(db).GetAsync(ct);
        return registry.Count == 0 ? null : AssessmentService.Engine.Cover(redLine, srid, AssessmentDates.Today(), registry, includeGeometry: false);
    }

    /// <summary>
    /// <paramref name="answerJson"/> (a JSON object) with <c>"assessment": {…}</c> appended as its last member. Spliced into
    /// the bytes rather than re-serialised, so the rest of the answer stays byte for byte what the compliance writer made.
    /// </summary>
    public static byte[] WithAssessment(byte[] answerJson, CoverageReport report, bool reuseRecorded)
    {
        var end = Array.LastIndexOf(answerJson, (byte)'}');
        if (end < 0) throw new ArgumentException("not a JSON object", nameof(answerJson));
        var block = AssessmentJson.Utf8(w => AssessmentJson.WriteComplianceBlock(w, report, reuseRecorded));
        return [.. answerJson.AsSpan(0, end), .. ",\"assessment\":"u8, .. block, .. answerJson.AsSpan(end)];
    }

    /// <summary>True when the report holds anything the project may reuse (then a usage row is written).</summary>
    public static bool HasReuse(CoverageReport report) => report.MayReuse.Count > 0;
}
