using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using OneBlueprint.DemoCity.Synthesis;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.DemoCity;

/// <summary>
/// Writes the demo city's regional assessment into <c>gis-data/&lt;scale&gt;/assessment/</c> in the formats
/// `ob assessment import` reads, so the files can be loaded by hand as well as by `ob gen-demo --load`:
/// <list type="bullet">
/// <item><c>manifest.json</c>: the zones file and, in loading order, each area version: unit code, name, scope, polygon
/// file, items file, publish / allowOverlap / allowExpired, and what it demonstrates;</item>
/// <item><c>zones.geojson</c>: the development zones (KFQDM, KFQMC, KFQLX);</item>
/// <item><c>areas/&lt;unit&gt;.geojson</c>: each area's polygon, EPSG:4547;</item>
/// <item><c>items/&lt;unit&gt;.items.json</c>: its items in the items-file format (documents as paths relative to it);</item>
/// <item><c>documents/*.pdf</c>: the result documents.</item>
/// </list>
/// </summary>
public static class AssessmentWriter
{
    public const string ManifestFormat = "oneblueprint-assessment-manifest/1";
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(DemoAssessment assessment, string directory)
    {
        var root = Path.GetFullPath(directory);
        foreach (var sub in new[] { "areas", "items", "documents" }) Directory.CreateDirectory(Path.Combine(root, sub));
        var geoJson = new GeoJsonFormat();
        geoJson.Write(assessment.Zones, Path.Combine(root, "zones.geojson"));

        foreach (var area in assessment.Areas)
        {
            var set = new FeatureSet { Srid = DemoCity.Srid, Name = area.FileStem };
            var f = new GeoFeature(area.Geometry) { Id = area.UnitCode };
            f.Attributes["QYPGDYBM"] = area.UnitCode;
            f.Attributes["QYPGQYMC"] = area.Name;
            f.Attributes["QYPGFWMS"] = area.Scope;
            f.Attributes["QYPGMJ"] = Math.Round(area.Geometry.Area, 2);
            f.Attributes[Provenance.SourceAttribute] = Provenance.SyntheticLabel;
            set.Features.Add(f);
            geoJson.Write(set, Path.Combine(root, "areas", $"{area.FileStem}.geojson"));
            foreach (var doc in area.Items.SelectMany(i => i.Documents))
                File.WriteAllBytes(Path.Combine(root, "documents", doc.FileName), doc.Content);
            WriteJson(Path.Combine(root, "items", $"{area.FileStem}.items.json"), w => WriteItems(w, area));
        }
        WriteJson(Path.Combine(root, "manifest.json"), w => WriteManifest(w, assessment));
        return root;
    }

    private static void WriteItems(Utf8JsonWriter w, DemoAssessmentArea area)
    {
        w.WriteStartObject();
        w.WriteStartArray("items");
        foreach (var i in area.Items)
        {
            w.WriteStartObject();
            w.WriteString("item", i.Code);
            w.WriteString("name", i.Name);
            w.WriteString("validFrom", Date(i.ValidFrom));
            if (i.ValidTo is { } to) w.WriteString("validTo", Date(to));
            else w.WriteNull("validTo");
            w.WriteString("mode", i.Mode);
            w.WriteStartArray("matchedApprovals");
            foreach (var a in i.MatchedApprovals) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteString("conclusions", i.Conclusions);
            if (i.Conditions.Length > 0) w.WriteString("conditions", i.Conditions);
            w.WriteString("issuingBody", i.IssuingBody);
            w.WriteString("approvedOn", Date(i.ApprovedOn));
            w.WriteStartArray("documents");
            foreach (var d in i.Documents) w.WriteStringValue($"../documents/{d.FileName}");
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteManifest(Utf8JsonWriter w, DemoAssessment assessment)
    {
        w.WriteStartObject();
        w.WriteString("format", ManifestFormat);
        w.WriteString("disclaimer", "Synthetic regional-assessment areas, results and documents for demonstration only. 合成演示数据，不代表真实区域评估成果。");
        w.WriteStartObject("zones");
        w.WriteString("file", "zones.geojson");
        w.WriteString("codeField", DemoAssessment.ZoneCodeField);
        w.WriteString("nameField", DemoAssessment.ZoneNameField);
        w.WriteString("kindField", DemoAssessment.ZoneKindField);
        w.WriteEndObject();
        w.WriteStartArray("areas");
        foreach (var a in assessment.Areas)
        {
            w.WriteStartObject();
            w.WriteString("unitCode", a.UnitCode);
            w.WriteString("name", a.Name);
            w.WriteString("scope", a.Scope);
            w.WriteString("file", $"areas/{a.FileStem}.geojson");
            w.WriteString("items", $"items/{a.FileStem}.items.json");
            w.WriteBoolean("publish", a.Publish);
            w.WriteBoolean("allowOverlap", a.AllowOverlap);
            w.WriteBoolean("allowExpired", a.AllowExpired);
            w.WriteString("scenario", a.Scenario);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void WriteJson(string path, Action<Utf8JsonWriter> write)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, JsonOptions);
        write(writer);
    }
}
