using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// The demo city's regional assessment (区域评估), synthetic: development zones (开发区, real names, invented outlines)
/// and assessment areas over them with item results, validity periods and small PDF result documents, in the order
/// they are to be stored (a unit listed twice gets two versions; the later supersedes the earlier once published).
/// </summary>
public sealed record DemoAssessment(FeatureSet Zones, IReadOnlyList<DemoAssessmentArea> Areas)
{
    /// <summary>Attribute names of the zones layer.</summary>
    public const string ZoneCodeField = "KFQDM";
    public const string ZoneNameField = "KFQMC";
    public const string ZoneKindField = "KFQLX";
}

/// <summary>
/// One assessment area version: unit code (QYPGDYBM), names, scope, polygon (EPSG:4547), items, and how it is loaded —
/// published or left a draft; <see cref="AllowOverlap"/> when it deliberately overlaps another unit's result for the
/// same item; <see cref="AllowExpired"/> when it records an expired result as history.
/// </summary>
public sealed record DemoAssessmentArea(
    string UnitCode,
    string Name,
    string NameEn,
    string Scope,
    Geometry Geometry,
    IReadOnlyList<DemoAssessmentItem> Items,
    bool Publish,
    bool AllowOverlap,
    bool AllowExpired,
    string Scenario)
{
    /// <summary>File stem for this version's files: unit code, plus the version when the unit has several.</summary>
    public required string FileStem { get; init; }
}

/// <summary>One item result of a demo area (mode as written in Chinese: 告知承诺, 免于评估, 简化) with its documents.</summary>
public sealed record DemoAssessmentItem(
    string Code,
    string Name,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string Mode,
    IReadOnlyList<string> MatchedApprovals,
    string Conclusions,
    string Conditions,
    string IssuingBody,
    DateOnly ApprovedOn,
    IReadOnlyList<DemoDocument> Documents);

/// <summary>A result document: file name (relative to the assessment folder's documents/) and bytes.</summary>
public sealed record DemoDocument(string FileName, byte[] Content);
