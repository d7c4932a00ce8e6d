using OneBlueprint.Engines.Assessment.Registry;
using OneBlueprint.Storage.Assessment;

namespace OneBlueprint.Server.Assessment;

/// <summary>Stored area versions as the coverage engine sees them.</summary>
public static class AssessmentMapping
{
    public static AssessmentArea ToEngine(this AssessmentAreaRecord r) => new()
    {
        Id = r.Id,
        UnitCode = r.UnitCode,
        Version = r.Version,
        Name = r.Name,
        Scope = r.Scope,
        Geometry = r.Geometry,
        Items = r.Items.Select(ToEngine).ToList(),
    };

    public static AssessedItem ToEngine(this AssessmentItemRecord i) => new()
    {
        Id = i.Id,
        ItemCode = i.ItemCode,
        ItemName = i.ItemName,
        Validity = new ValidityPeriod(i.ValidFrom, i.ValidTo),
        Mode = ModeOf(i.Mode),
        MatchedApprovals = i.MatchedApprovals,
        Conclusions = i.Conclusions,
        Conditions = i.Conditions,
        IssuingBody = i.IssuingBody,
        ApprovedOn = i.ApprovedOn,
        Documents = i.Documents.Select(d => new AssessedDocument(d.Id, d.FileName, d.MediaType, d.SizeBytes, d.Sha256)).ToList(),
    };

    /// <summary>A stored mode key (the CHECK constraint's values) as the engine's enum.</summary>
    public static SimplifiedApprovalMode ModeOf(string key) =>
        SimplifiedApprovalModes.All.FirstOrDefault(m => m.Key() == key, SimplifiedApprovalMode.Simplified);
}
