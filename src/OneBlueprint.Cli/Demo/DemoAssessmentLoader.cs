using OneBlueprint.DemoCity.Synthesis;
using OneBlueprint.Engines.Assessment.Registry;
using OneBlueprint.Geo.Features;
using OneBlueprint.Server.Assessment;
using OneBlueprint.Storage.Assessment;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Cli.Demo;

/// <summary>
/// Puts the demo city's regional assessment into PostGIS: the development zones (replacing the current set), then each
/// area version in order through the same importer as `ob assessment import`. The demo deliberately records expired
/// results as history and overlapping results (see <see cref="AssessmentAreas"/>); it passes allowExpired and
/// allowOverlap for every area, so loading again (new versions of the same units) works on any day.
/// </summary>
public sealed class DemoAssessmentLoader(ObDatabase db)
{
    public async Task<IReadOnlyList<AssessmentImportResult>> LoadAsync(DemoAssessment assessment, string who, CancellationToken ct)
    {
        var store = new AssessmentStore(db);
        await store.ReplaceZonesAsync(assessment.Zones, DemoAssessment.ZoneCodeField, DemoAssessment.ZoneNameField, DemoAssessment.ZoneKindField, who, ct: ct);
        var importer = new AssessmentImporter(db);
        var today = AssessmentDates.Today();
        var results = new List<AssessmentImportResult>();
        foreach (var area in assessment.Areas)
        {
            var features = new FeatureSet { Srid = DemoCity.DemoCity.Srid, Name = $"assessment/areas/{area.FileStem}.geojson" };
            features.Features.Add(new GeoFeature(area.Geometry) { Id = area.UnitCode });
            var items = area.Items.Select(i => new AssessmentItemDraft(i.Code, i.Name, i.ValidFrom, i.ValidTo,
                (SimplifiedApprovalModes.Parse(i.Mode) ?? throw new InvalidOperationException($"demo mode '{i.Mode}'")).Key(),
                i.MatchedApprovals, i.Conclusions, i.Conditions.Length == 0 ? null : i.Conditions, i.IssuingBody, i.ApprovedOn,
                i.Documents.Select(d => new DocumentDraft(d.FileName, d.Content)).ToList())).ToList();
            results.Add(await importer.ImportAsync(new AssessmentAreaDraft(area.UnitCode, area.Name, area.Scope, features, items),
                new AssessmentImportRequest(who, today, features.Name, null, null, area.Publish, AllowOverlap: true, AllowExpired: true,
                    Note: $"demo city: {area.Scenario}"), ct));
        }
        return results;
    }
}
