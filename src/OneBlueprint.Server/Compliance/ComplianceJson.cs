using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Problems;

using OneBlueprint.Server.Http;

namespace OneBlueprint.Server.Compliance;

/// <summary>
/// The JSON of a compliance check, shared by POST/GET /api/v1/compliance/checks and `ob check --json`:
/// <code>
/// { id, links {self, report, pdf, conflicts}, createdAt, createdBy, projectCode, category,
///   input {format, name, srid}, verdict,
///   redLine {areaM2, areaHa, areaMu, areaEllipsoidalM2, boundaryLengthM, parcels, polygons, workingSrid, repaired},
///   layers [{code, name, nameEn, layerVersionId, layerVersion, measure, verdict, ruleId, ruleText {zh, en},
///            overlapAreaM2, overlapAreaHa, overlapAreaMu, overlapAreaEllipsoidalM2, overlapRatio, netAreaM2,
///            outsideAreaM2, outsideAreaEllipsoidalM2, edgeContact, parts, outsidePart,
///            features [{id, overlapAreaM2, overlapAreaEllipsoidalM2, deduction, netAreaM2, edgeContact, attributes}],
///            notes []}],
///   layerVersions {CODE: {id, version}}, rules, warnings [{severity, code, what, where, howToFix}], notes [] }
/// </code>
/// Areas are planar m² in the working CRS unless named ellipsoidal (CGCS2000), written as exact doubles (not rounded:
/// clients compare them); <c>parts</c>/<c>outsidePart</c> are GeoJSON geometries in EPSG:4490 lon/lat (9 decimals,
/// ≈0.1 mm), null when the part is empty and left out when parts were not asked for. <see cref="ComplianceJsonReader"/>
/// reads it back into a <see cref="ComplianceResult"/> (for reports).
/// </summary>
public static class ComplianceJson
{
    public const string ChecksPath = "/api/v1/compliance/checks";

    public static byte[] ToUtf8(ComplianceAnswer answer, bool includeParts, bool indented = false)
    {
        return AnswerJson.Utf8(w => Write(w, answer, includeParts), indented);
    }

    public static void Write(Utf8JsonWriter w, ComplianceAnswer answer, bool includeParts)
    {
        var result = answer.Result;
        var srid = result.RedLine.Srid;
        w.WriteStartObject();
        if (answer.Id is { } id)
        {
            w.WriteNumber("id", id);
            w.WriteStartObject("links");
            var self = $"{ChecksPath}/{id}";
            w.WriteString("self", self);
            w.WriteString("report", $"{self}/report");
            w.WriteString("pdf", $"{self}/report.pdf");
            w.WriteString("conflicts", $"{self}/conflicts.geojson");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("id");
            w.WriteNull("links");
        }
        w.WriteString("createdAt", answer.CreatedAt);
        w.WriteString("createdBy", answer.CreatedBy);
        AnswerJson.WriteStringOrNull(w, "projectCode", result.ProjectCode);
        AnswerJson.WriteStringOrNull(w, "category", result.ProjectCategory);
        w.WriteStartObject("input");
        w.WriteString("format", answer.InputFormat);
        w.WriteString("name", answer.InputName);
        w.WriteNumber("srid", answer.InputSrid);
        w.WriteEndObject();
        w.WriteString("verdict", VerdictName(result.Verdict));

        var red = result.RedLine;
        w.WriteStartObject("redLine");
        w.WriteNumber("areaM2", red.AreaM2);
        w.WriteNumber("areaHa", red.AreaHa);
        w.WriteNumber("areaMu", red.AreaMu);
        AnswerJson.WriteNumberOrNull(w, "areaEllipsoidalM2", red.AreaEllipsoidalM2);
        w.WriteNumber("boundaryLengthM", red.BoundaryLengthM);
        w.WriteNumber("parcels", answer.Parcels);
        w.WriteNumber("polygons", red.ParcelCount);
        w.WriteNumber("workingSrid", red.Srid);
        w.WriteBoolean("repaired", red.Repaired);
        w.WriteEndObject();

        var numbers = answer.LayerVersions.ToDictionary(v => v.VersionId, v => v.Version);
        w.WriteStartArray("layers");
        foreach (var layer in result.Layers) WriteLayer(w, layer, numbers.GetValueOrDefault(layer.LayerVersionId), srid, includeParts);
        w.WriteEndArray();

        w.WriteStartObject("layerVersions");
        foreach (var v in answer.LayerVersions)
        {
            w.WriteStartObject(v.Code);
            w.WriteNumber("id", v.VersionId);
            w.WriteNumber("version", v.Version);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteString("rules", result.RulesName);
        w.WriteStartArray("warnings");
        foreach (var p in answer.Warnings) AnswerJson.WriteProblem(w, p);
        w.WriteEndArray();
        AnswerJson.WriteStrings(w, "notes", result.Notes);
        w.WriteEndObject();
    }

    private static void WriteLayer(Utf8JsonWriter w, LayerCompliance layer, int version, int srid, bool includeParts)
    {
        w.WriteStartObject();
        w.WriteString("code", layer.Code);
        w.WriteString("name", layer.NameZh);
        w.WriteString("nameEn", layer.NameEn);
        w.WriteNumber("layerVersionId", layer.LayerVersionId);
        w.WriteNumber("layerVersion", version);
        w.WriteString("measure", layer.OutsideAreaM2 is null ? "overlap" : "outside");
        w.WriteString("verdict", VerdictName(layer.Verdict));
        w.WriteString("ruleId", layer.RuleId);
        w.WriteStartObject("ruleText");
        w.WriteString("zh", layer.RuleText.Zh);
        w.WriteString("en", layer.RuleText.En);
        w.WriteEndObject();
        w.WriteNumber("overlapAreaM2", layer.OverlapAreaM2);
        w.WriteNumber("overlapAreaHa", layer.OverlapAreaHa);
        w.WriteNumber("overlapAreaMu", layer.OverlapAreaMu);
        AnswerJson.WriteNumberOrNull(w, "overlapAreaEllipsoidalM2", layer.OverlapAreaEllipsoidalM2);
        w.WriteNumber("overlapRatio", layer.OverlapRatio);
        AnswerJson.WriteNumberOrNull(w, "netAreaM2", layer.NetAreaM2);
        AnswerJson.WriteNumberOrNull(w, "outsideAreaM2", layer.OutsideAreaM2);
        AnswerJson.WriteNumberOrNull(w, "outsideAreaEllipsoidalM2", layer.OutsideAreaEllipsoidalM2);
        w.WriteBoolean("edgeContact", layer.EdgeContact);
        if (includeParts)
        {
            w.WritePropertyName("parts");
            AnswerJson.WriteLonLat(w, layer.Parts, srid);
            w.WritePropertyName("outsidePart");
            AnswerJson.WriteLonLat(w, layer.OutsideGeometry, srid);
        }
        w.WriteStartArray("features");
        foreach (var f in layer.Features)
        {
            w.WriteStartObject();
            w.WriteNumber("id", f.FeatureId);
            w.WriteNumber("overlapAreaM2", f.OverlapAreaM2);
            AnswerJson.WriteNumberOrNull(w, "overlapAreaEllipsoidalM2", f.OverlapAreaEllipsoidalM2);
            AnswerJson.WriteNumberOrNull(w, "deduction", f.Deduction);
            AnswerJson.WriteNumberOrNull(w, "netAreaM2", f.NetAreaM2);
            w.WriteBoolean("edgeContact", f.EdgeContact);
            w.WritePropertyName("attributes");
            GeoJsonWriter.WriteProperties(w, f.Attributes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        AnswerJson.WriteStrings(w, "notes", layer.Notes);
        w.WriteEndObject();
    }

    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Warning => "warning",
        _ => "conflict",
    };
}
