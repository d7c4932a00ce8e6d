using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Server.Reports;
using OneBlueprint.Storage.Compliance;
using OneBlueprint.Storage.Layers;
using OneBlueprint.Storage.Projects;

namespace OneBlueprint.Server.Compliance;

/// <summary>
/// Gathers what the report of a stored check shows (<see cref="ComplianceReportModel"/>): the stored answer read back
/// into the engine's result with its exact parts, the project, the catalogue details and styles of the layer versions
/// used, and the control features around the red line for the map — all from PostGIS, so any server can render any
/// check, and the report shows the numbers the caller was given.
/// </summary>
public sealed class ComplianceReportBuilder(ComplianceCheckStore checks, LayerStore layers, ProjectStore projects)
{
    /// <summary>Features drawn per layer around the red line; beyond it the map shows the nearest ones only.</summary>
    public const int MaxMapFeaturesPerLayer = 2_000;

    // Attributes that make a short map label, most specific first.
    private static readonly string[] LabelAttributes = ["DKBH", "TBBH", "MC", "NAME", "名称", "编号"];

    /// <summary>The report model of check <paramref name="id"/>, or null when there is no such check.</summary>
    public async Task<ComplianceReportModel?> BuildAsync(long id, CancellationToken ct)
    {
        var check = await checks.GetAsync(id, ct);
        if (check is null) return null;
        var srid = layers.WorkingSrid;
        var parts = await checks.GetPartsAsync(id, ct);
        var result = ComplianceJsonReader.ReadResult(check.ResultJson, parts, srid);
        var project = check.ProjectCode is { } code ? await projects.GetProjectAsync(code, ct) : null;
        var catalogue = (await layers.ListLayersAsync(ct)).ToDictionary(l => l.Code, StringComparer.Ordinal);

        var box = new Envelope(check.RedLine.EnvelopeInternal);
        box.ExpandBy(Math.Max(200, 0.3 * Math.Max(box.Width, box.Height)));
        var mapLayers = new List<ReportMapLayer>();
        var versions = new List<ReportLayerVersion>();
        // The urban boundary (judged by what lies outside it) is a large area: drawn first, under the others.
        var measured = result.Layers.ToDictionary(l => l.Code, l => l.OutsideAreaM2 is not null, StringComparer.Ordinal);
        foreach (var used in check.LayerVersions.OrderBy(v => measured.GetValueOrDefault(v.Code) ? 0 : 1)
                     .ThenBy(v => catalogue.GetValueOrDefault(v.Code)?.SortOrder ?? int.MaxValue))
        {
            var info = catalogue.GetValueOrDefault(used.Code);
            var features = await layers.QueryFeaturesAsync(used.VersionId, box, MaxMapFeaturesPerLayer, 0, ct);
            mapLayers.Add(new ReportMapLayer(used.Code, info?.NameZh ?? used.Code, LayerStyle.FromJson(info?.Style),
                features.Select(f => new ReportMapFeature(long.Parse(f.Id!, CultureInfo.InvariantCulture), f.Geometry, Label(f))).ToList()));
            if (await layers.GetVersionByIdAsync(used.VersionId, ct) is { } version)
                versions.Add(new ReportLayerVersion(used.Code, version.Id, version.Version, version.EffectiveDate, version.ImportedAt));
        }

        return new ComplianceReportModel
        {
            CheckId = check.Id.ToString(CultureInfo.InvariantCulture),
            CreatedAt = check.CreatedAt,
            CreatedBy = check.CreatedBy,
            ProjectCode = check.ProjectCode,
            ProjectName = project?.Name,
            ProjectCategory = check.Category,
            Result = result,
            RedLine = check.RedLine,
            Srid = srid,
            MapLayers = mapLayers,
            LayerVersions = versions,
            RulesTitle = check.RulesName,
            Notes = Warnings(check.ResultJson),
            Assessment = ReportAssessment.FromAnswer(check.ResultJson),
            GeneratedAt = DateTimeOffset.UtcNow,
        };
    }

    private static string? Label(Geo.Features.GeoFeature f)
    {
        foreach (var name in LabelAttributes)
            if (f.Attributes.TryGetValue(name, out var value) && value is not null && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text)
                return text;
        return null;
    }

    /// <summary>The answer's input warnings as sentences: what, where, how to fix.</summary>
    private static IReadOnlyList<string> Warnings(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("warnings", out var warnings) || warnings.ValueKind != JsonValueKind.Array) return [];
        var list = new List<string>();
        foreach (var w in warnings.EnumerateArray())
        {
            var what = w.TryGetProperty("what", out var v) ? v.GetString() : null;
            var fix = w.TryGetProperty("howToFix", out var h) ? h.GetString() : null;
            var line = w.TryGetProperty("where", out var where) && where.ValueKind == JsonValueKind.Object
                && where.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number ? $" (line {l.GetInt32()})" : "";
            if (what is not null) list.Add($"{what}{line}. {fix}".Trim());
        }
        return list;
    }
}
