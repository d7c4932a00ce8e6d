using System.Text;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Compliance;
using OneBlueprint.Storage.Projects;

namespace OneBlueprint.Server.Compliance;

/// <summary>What a caller asks of one check (the HTTP endpoint and `ob check` fill it the same way).</summary>
/// <param name="Category">The project category the rules are applied with; null → the project's category, else the one a TXT
/// declares in [项目信息] 项目类别, else none (rules for "any category" apply).</param>
/// <param name="IncludeParts">Put the overlap parts (GeoJSON) into the answer.</param>
/// <param name="Save">Store the check (and compute the geometry a report needs, whatever <paramref name="IncludeParts"/> says).</param>
public sealed record ComplianceCheckRequest(
    RedLineInput Input,
    string? ProjectCode,
    string? Category,
    bool IncludeParts,
    bool Save,
    string CreatedBy,
    string? CreatedByRole);

/// <summary>A check done: the answer (stored when asked, then with its id) and its JSON as sent to the caller.</summary>
public sealed record ComplianceOutcome(ComplianceAnswer Answer, PreparedRedLine RedLine, byte[] Json);

/// <summary>
/// Runs one compliance check from input to answer: project and category, red-line preparation
/// (<see cref="RedLinePreparation"/>), the engine on one blueprint snapshot, the answer's JSON, and — when asked —
/// storing it with its parts and audit row. The endpoint and the CLI both call this, so they answer alike.
/// </summary>
/// <remarks>With a database, a stored check filed under a project also gets its regional-assessment coverage
/// (<see cref="Assessment.ComplianceAssessment"/>): an "assessment" member in the answer and a usage record when results may be reused.</remarks>
public sealed class ComplianceRunner(ComplianceEngine engine, ComplianceCheckStore checks, ProjectStore projects, Storage.Database.ObDatabase? database = null)
{
    /// <summary>The TXT reader's key for 项目类别 in [项目信息].</summary>
    public const string DeclaredCategoryKey = "项目信息.项目类别";

    public ComplianceEngine Engine => engine;

    public async Task<ComplianceOutcome> RunAsync(ComplianceCheckRequest request, BlueprintView blueprint, int workingSrid, CancellationToken ct)
    {
        var category = string.IsNullOrWhiteSpace(request.Category) ? null : request.Category.Trim();
        var projectCode = string.IsNullOrWhiteSpace(request.ProjectCode) ? null : request.ProjectCode.Trim();
        if (projectCode is not null)
        {
            var project = await projects.GetProjectAsync(projectCode, ct)
                ?? throw new InputException(InputProblem.Error("project.unknown", $"there is no project '{projectCode}'", null,
                    "Create the project first (POST /api/v1/projects), or leave projectCode out to run an unattached check."), 404);
            category ??= project.Category;
        }
        // A 界址点 TXT may declare the category in [项目信息]; the caller's word and the project record come first.
        if (category is null && request.Input.Features.Metadata.TryGetValue(DeclaredCategoryKey, out var declared) && !string.IsNullOrWhiteSpace(declared))
            category = declared.Trim();

        var prepared = RedLinePreparation.Prepare(request.Input.Features, workingSrid, blueprint.Extent, request.Input.Name);
        var redLine = RedLine.Create(prepared.Geometry, workingSrid, alreadyValidated: true);
        var result = engine.Check(redLine, new ComplianceRequest
        {
            ProjectCode = projectCode,
            ProjectCategory = category,
            IncludeGeometry = request.IncludeParts || request.Save,
        }, blueprint.Snapshot);

        var warnings = new List<InputProblem>(prepared.Warnings);
        foreach (var code in blueprint.MissingLayers.Where(c => blueprint.Snapshot[c] is null))
            warnings.Add(InputProblem.Warning("compliance.layer_missing",
                $"control layer {code} has no imported version, so the red line was not checked against it", null,
                $"An administrator imports the layer (POST /api/v1/layers/{code}/versions or `ob import FILE --layer {code}`); then check again."));

        var answer = new ComplianceAnswer
        {
            Id = request.Save ? await checks.ReserveIdAsync(ct) : null,
            CreatedAt = DateTimeOffset.UtcNow,
            CreatedBy = request.CreatedBy,
            InputFormat = request.Input.Format,
            InputName = request.Input.Name,
            InputSrid = prepared.SourceSrid,
            Parcels = prepared.ParcelCount,
            Result = result,
            LayerVersions = blueprint.Describe(result.Versions.Select(v => (v.Code, v.LayerVersionId))),
            Warnings = warnings,
        };

        var full = ComplianceJson.ToUtf8(answer, includeParts: true);
        var assessment = answer.Id is not null && projectCode is not null && database is not null
            ? await Assessment.ComplianceAssessment.CoverAsync(database, redLine.Geometry, workingSrid, ct) : null;
        if (assessment is not null) full = Assessment.ComplianceAssessment.WithAssessment(full, assessment, Assessment.ComplianceAssessment.HasReuse(assessment));
        if (answer.Id is { } id)
        {
            await checks.SaveAsync(id, new NewComplianceCheck(
                ProjectCode: projectCode,
                Category: category,
                InputFormat: request.Input.Format,
                InputName: request.Input.Name,
                InputSrid: prepared.SourceSrid,
                Input: request.Input.Bytes,
                RedLine: redLine.Geometry,
                LayerVersions: answer.LayerVersions,
                LayerVerdicts: result.Layers.ToDictionary(l => l.Code, l => ComplianceJson.VerdictName(l.Verdict), StringComparer.Ordinal),
                RulesName: result.RulesName,
                Verdict: ComplianceJson.VerdictName(result.Verdict),
                ResultJson: Encoding.UTF8.GetString(full),
                Parts: PartsOf(result),
                CreatedAt: answer.CreatedAt,
                CreatedBy: request.CreatedBy,
                CreatedByRole: request.CreatedByRole), ct);
        }
        if (assessment is not null && Assessment.ComplianceAssessment.HasReuse(assessment))
            await new Assessment.AssessmentService(database!).RecordReuseAsync(projectCode!, answer.Id, assessment, request.CreatedBy, ct);
        var json = request.IncludeParts ? full : ComplianceJson.ToUtf8(answer, includeParts: false);
        if (assessment is not null && !request.IncludeParts) json = Assessment.ComplianceAssessment.WithAssessment(json, assessment, Assessment.ComplianceAssessment.HasReuse(assessment));
        return new ComplianceOutcome(answer, prepared, json);
    }

    /// <summary>Every non-empty part of the result, the judged one of each layer marked.</summary>
    public static IReadOnlyList<CompliancePart> PartsOf(ComplianceResult result)
    {
        var parts = new List<CompliancePart>();
        foreach (var layer in result.Layers)
        {
            var verdict = ComplianceJson.VerdictName(layer.Verdict);
            var outsideMeasured = layer.OutsideAreaM2 is not null;
            if (layer.Parts is { IsEmpty: false } overlap)
                parts.Add(new CompliancePart(layer.Code, CompliancePart.Overlap, verdict, layer.RuleId, layer.OverlapAreaM2, !outsideMeasured, overlap));
            if (layer.OutsideGeometry is { IsEmpty: false } outside)
                parts.Add(new CompliancePart(layer.Code, CompliancePart.Outside, verdict, layer.RuleId, layer.OutsideAreaM2 ?? outside.Area, true, outside));
        }
        return parts;
    }
}
