using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Assessment.Registry;

namespace OneBlueprint.Engines.Tests.Assessment;

/// <summary>Hand-made assessment areas and results for the engine tests.</summary>
internal static class AssessmentAreas
{
    private static long _nextId = 1;

    public static AssessedItem Item(string code, string from, string? to, SimplifiedApprovalMode mode = SimplifiedApprovalMode.NotifyAndCommit,
        string? approvedOn = null, string[]? approvals = null, string? conditions = null) => new()
    {
        Id = Interlocked.Increment(ref _nextId),
        ItemCode = code,
        ItemName = code,
        Validity = new ValidityPeriod(DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to)),
        Mode = mode,
        ApprovedOn = approvedOn is null ? null : DateOnly.Parse(approvedOn),
        MatchedApprovals = approvals ?? [],
        Conditions = conditions,
    };

    public static AssessmentArea Area(string unitCode, Geometry geometry, params AssessedItem[] items) => new()
    {
        Id = Interlocked.Increment(ref _nextId),
        UnitCode = unitCode,
        Name = "区域" + unitCode,
        Geometry = geometry,
        Items = items,
    };
}
