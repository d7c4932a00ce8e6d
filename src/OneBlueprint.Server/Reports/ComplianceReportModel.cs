using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Compliance.Results;

namespace OneBlueprint.Server.Reports;

/// <summary>
/// Everything a compliance report (合规性审查报告) shows about one stored check, gathered by the caller (storage,
/// catalogue) so that rendering is a pure function of this record: the same model gives the same HTML, byte for byte.
/// <list type="bullet">
/// <item><see cref="Result"/> is the engine's answer as stored; its numbers are printed, never recomputed. Overlap
/// parts are highlighted from <see cref="LayerCompliance.Parts"/> / <see cref="LayerCompliance.OutsideGeometry"/>
/// when the check kept geometry, otherwise rebuilt from <see cref="MapLayers"/> for the map only.</item>
/// <item><see cref="RedLine"/> and every geometry of <see cref="MapLayers"/> are in the working CRS
/// EPSG:<see cref="Srid"/> (metres, x = easting, y = northing).</item>
/// <item><see cref="ProjectName"/>, <see cref="CreatedBy"/> and attribute values are user input: the renderer
/// escapes them, callers pass them raw.</item>
/// </list>
/// </summary>
public sealed record ComplianceReportModel
{
    /// <summary>The stored check's id as people quote it (审查编号).</summary>
    public required string CheckId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who asked for the check (the API caller's name).</summary>
    public required string CreatedBy { get; init; }

    public string? ProjectCode { get; init; }
    public string? ProjectName { get; init; }

    /// <summary>The project category the rules were applied with; defaults to <see cref="ComplianceResult.ProjectCategory"/>.</summary>
    public string? ProjectCategory { get; init; }

    public required ComplianceResult Result { get; init; }

    /// <summary>The red line as checked, in the working CRS.</summary>
    public required Geometry RedLine { get; init; }

    /// <summary>EPSG code of the working CRS (a CGCS2000 Gauss-Krüger zone).</summary>
    public required int Srid { get; init; }

    /// <summary>Control features near the red line, per layer, drawn in list order (first at the bottom).</summary>
    public IReadOnlyList<ReportMapLayer> MapLayers { get; init; } = [];

    /// <summary>Catalogue details of the layer versions the check used (matched to <see cref="ComplianceResult.Versions"/> by code).</summary>
    public IReadOnlyList<ReportLayerVersion> LayerVersions { get; init; } = [];

    /// <summary>Identifier of the rules set (file name or key); shown with <see cref="RulesTitle"/>.</summary>
    public string? RulesSetId { get; init; }

    /// <summary>Title of the rules set; defaults to <see cref="ComplianceResult.RulesName"/>.</summary>
    public string? RulesTitle { get; init; }

    /// <summary>Notes of the caller (input warnings, a declared TXT area that disagrees, …), listed with the engine's.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Which regional-assessment results the project may reuse, when the check recorded it (a check filed under a project).</summary>
    public ReportAssessment? Assessment { get; init; }

    /// <summary>When the report was produced; shown in the footer when set (rendering itself never reads the clock).</summary>
    public DateTimeOffset? GeneratedAt { get; init; }
}
