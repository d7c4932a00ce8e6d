using OneBlueprint.Geo.Features;

namespace OneBlueprint.Storage.Assessment;

/// <summary>
/// An assessment area to be stored as its unit's next version: unit code (QYPGDYBM), name (QYPGQYMC), scope
/// (QYPGFWMS), the polygons read from a file (any CRS the formats declare; all features together make the area) and
/// the results of its items.
/// </summary>
public sealed record AssessmentAreaDraft(
    string UnitCode,
    string Name,
    string? Scope,
    FeatureSet Features,
    IReadOnlyList<AssessmentItemDraft> Items);

/// <summary>
/// The result of one item for an area being imported. <see cref="Mode"/> is a key of
/// <see cref="AssessmentModes"/>; item code and name are the catalogue's (the caller resolves what people wrote).
/// <see cref="Where"/> says where in the caller's input the item was given, for messages.
/// </summary>
public sealed record AssessmentItemDraft(
    string ItemCode,
    string ItemName,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string Mode,
    IReadOnlyList<string> MatchedApprovals,
    string? Conclusions = null,
    string? Conditions = null,
    string? IssuingBody = null,
    DateOnly? ApprovedOn = null,
    IReadOnlyList<DocumentDraft>? Documents = null,
    SourceLocation? Where = null);

/// <summary>A result document to store: its file name and bytes (PDF, PNG or JPEG; checked by <see cref="AssessmentDocuments"/>).</summary>
public sealed record DocumentDraft(string FileName, byte[] Content, SourceLocation? Where = null);
