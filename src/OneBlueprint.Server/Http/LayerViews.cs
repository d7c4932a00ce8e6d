using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Http;

/// <summary>
/// Layers and versions as the API shows them: plain JSON with bboxes as [west, south, east, north] in
/// EPSG:4490 lon/lat (what a map client needs), not storage records.
/// </summary>
public static class LayerViews
{
    public sealed record LayerView(string Code, string NameZh, string NameEn, string Group, string GeometryType, bool IsPublic,
        int SortOrder, object Style, string? Description, int? CurrentVersion, int FeatureCount, double[]? Bbox);

    public sealed record VersionView(int Version, string LayerCode, DateOnly? EffectiveDate, string? SourceFile, string? ChecksumSha256,
        string ImportedBy, string? Note, int? SourceSrid, int FeatureCount, int RepairedCount, object? RepairReport, double[]? Bbox, DateTimeOffset ImportedAt);

    public static LayerView ToView(this LayerInfo l, int workingSrid) =>
        new(l.Code, l.NameZh, l.NameEn, l.GroupName, l.GeometryType, l.IsPublic, l.SortOrder, l.Style, l.Description,
            l.CurrentVersion, l.FeatureCount, LonLatBox(l.Bbox, workingSrid));

    public static VersionView ToView(this LayerVersionInfo v, int workingSrid) =>
        new(v.Version, v.LayerCode, v.EffectiveDate, v.SourceFile, v.ChecksumSha256, v.ImportedBy, v.Note, v.SourceSrid,
            v.FeatureCount, v.RepairedCount, v.RepairReport, LonLatBox(v.Bbox, workingSrid), v.ImportedAt);

    public static double[]? LonLatBox(Envelope? box, int srid)
    {
        if (box is null || box.IsNull) return null;
        var lonLat = EnvelopeReprojection.Transform(box, srid, CrsCatalog.Cgcs2000);
        return [Math.Round(lonLat.MinX, 7), Math.Round(lonLat.MinY, 7), Math.Round(lonLat.MaxX, 7), Math.Round(lonLat.MaxY, 7)];
    }
}
