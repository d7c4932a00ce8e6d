using NetTopologySuite.Geometries;

namespace OneBlueprint.Storage.Analysis;

/// <summary>Which patches of one job to list: a working-SRID box, a kind (CYLXDM), a district, a ledger status, a match.</summary>
public sealed record PatchQuery(long JobId)
{
    public Envelope? Bbox { get; init; }
    public string? Kind { get; init; }
    public string? Xzqdm { get; init; }
    public string? Status { get; init; }
    public string? Match { get; init; }
    public bool ConflictsOnly { get; init; }
    public bool WithGeometry { get; init; } = true;
    public int Limit { get; init; } = 1000;
    public int Offset { get; init; }
}
