using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Storage.Compliance;

namespace OneBlueprint.Server.Compliance;

/// <summary>
/// Reads a stored answer (<see cref="ComplianceJson"/>) back into the engine's <see cref="ComplianceResult"/>, so a
/// report shows exactly the numbers the caller was given. Geometry comes from the stored parts
/// (ob.compliance_part, exact working-CRS coordinates) rather than the rounded lon/lat GeoJSON of the answer.
/// Attribute values come back as JSON gives them: text, long, double, bool, null (dates as ISO text).
/// </summary>
public static class ComplianceJsonReader
{
    public static ComplianceResult ReadResult(string json, IReadOnlyList<CompliancePart> parts, int workingSrid)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var factory = GeometryKit.Factory(workingSrid);
        var red = root.GetProperty("redLine");
        var layers = root.GetProperty("layers").EnumerateArray().Select(l => ReadLayer(l, parts, factory)).ToArray();
        return new ComplianceResult
        {
            RedLine = new RedLineSummary
            {
                AreaM2 = red.GetProperty("areaM2").GetDouble(),
                AreaEllipsoidalM2 = NullableDouble(red, "areaEllipsoidalM2"),
                BoundaryLengthM = red.GetProperty("boundaryLengthM").GetDouble(),
                ParcelCount = red.GetProperty("polygons").GetInt32(),
                Srid = red.GetProperty("workingSrid").GetInt32(),
                Repaired = red.GetProperty("repaired").GetBoolean(),
            },
            Verdict = VerdictOf(root.GetProperty("verdict")),
            ProjectCode = NullableString(root, "projectCode"),
            ProjectCategory = NullableString(root, "category"),
            Layers = layers,
            Versions = layers.Select(l => new LayerVersionUsed(l.Code, l.LayerVersionId)).ToArray(),
            RulesName = root.GetProperty("rules").GetString() ?? "",
            Notes = Strings(root, "notes"),
        };
    }

    private static LayerCompliance ReadLayer(JsonElement l, IReadOnlyList<CompliancePart> parts, GeometryFactory factory)
    {
        var code = l.GetProperty("code").GetString()!;
        var overlap = parts.FirstOrDefault(p => p.LayerCode == code && p.Kind == CompliancePart.Overlap)?.Geometry;
        var outside = parts.FirstOrDefault(p => p.LayerCode == code && p.Kind == CompliancePart.Outside)?.Geometry;
        var text = l.GetProperty("ruleText");
        return new LayerCompliance
        {
            Code = code,
            NameZh = l.GetProperty("name").GetString() ?? code,
            NameEn = l.GetProperty("nameEn").GetString() ?? code,
            LayerVersionId = l.GetProperty("layerVersionId").GetInt64(),
            Verdict = VerdictOf(l.GetProperty("verdict")),
            RuleId = l.GetProperty("ruleId").GetString() ?? "",
            RuleText = new RuleText(text.GetProperty("zh").GetString() ?? "", text.GetProperty("en").GetString() ?? ""),
            OverlapAreaM2 = l.GetProperty("overlapAreaM2").GetDouble(),
            OverlapAreaEllipsoidalM2 = NullableDouble(l, "overlapAreaEllipsoidalM2"),
            OverlapRatio = l.GetProperty("overlapRatio").GetDouble(),
            NetAreaM2 = NullableDouble(l, "netAreaM2"),
            OutsideAreaM2 = NullableDouble(l, "outsideAreaM2"),
            OutsideAreaEllipsoidalM2 = NullableDouble(l, "outsideAreaEllipsoidalM2"),
            EdgeContact = l.GetProperty("edgeContact").GetBoolean(),
            Parts = overlap ?? factory.CreateMultiPolygon(),
            OutsideGeometry = outside,
            Features = l.GetProperty("features").EnumerateArray().Select(ReadFeature).ToArray(),
            Notes = Strings(l, "notes"),
        };
    }

    private static FeatureOverlap ReadFeature(JsonElement f)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in f.GetProperty("attributes").EnumerateObject()) attributes[p.Name] = Value(p.Value);
        return new FeatureOverlap
        {
            FeatureId = f.GetProperty("id").GetInt64(),
            OverlapAreaM2 = f.GetProperty("overlapAreaM2").GetDouble(),
            OverlapAreaEllipsoidalM2 = NullableDouble(f, "overlapAreaEllipsoidalM2"),
            Deduction = NullableDouble(f, "deduction"),
            NetAreaM2 = NullableDouble(f, "netAreaM2"),
            EdgeContact = f.GetProperty("edgeContact").GetBoolean(),
            Attributes = attributes,
        };
    }

    private static object? Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.TryGetInt64(out var n) ? n : v.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => new RawJson(v.GetRawText()),
    };

    private static Verdict VerdictOf(JsonElement e) => e.GetString() switch
    {
        "pass" => Verdict.Pass,
        "warning" => Verdict.Warning,
        _ => Verdict.Conflict,
    };

    private static double? NullableDouble(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string? NullableString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(s => s.GetString() ?? "").ToArray()
            : [];
}
