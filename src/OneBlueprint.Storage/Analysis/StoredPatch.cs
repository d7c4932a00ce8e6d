using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;

namespace OneBlueprint.Storage.Analysis;

/// <summary>A stored patch with its ledger entry's current status, 协调方式 (XTFS) and 调整缘由 (TZYY).</summary>
public sealed record StoredPatch(
    long Id,
    long JobId,
    string Dkbh,
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
    string Status,
    string? Xtfs,
    string? Tzyy,
    Geometry? Geometry);
