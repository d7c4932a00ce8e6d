using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;

namespace OneBlueprint.Storage.Analysis;

/// <summary>
/// One patch of a finished run as it is stored: <see cref="Dkbh"/> is the number it keeps from the previous run
/// (null for a new patch: the store numbers it), <see cref="Match"/> "new", "unchanged" or "changed".
/// <see cref="Kind"/> is the CYLXDM class of a discrepancy or the finding kind of a topology check; geometry in the
/// working SRID, polygonal.
/// </summary>
public sealed record NewPatch(
    string? Dkbh,
    string Kind,
    bool IsConflict,
    string Match,
    string? Xzqdm,
    string? Xzqmc,
    bool Jbnt,
    bool Sthx,
    bool Kfbj,
    double AreaM2,
    double EllipsoidalAreaM2,
    JsonObject Attributes,
    Geometry Geometry);
