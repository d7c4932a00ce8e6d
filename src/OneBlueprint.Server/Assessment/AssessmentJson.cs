using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Assessment.Coverage;
using OneBlueprint.Engines.Assessment.Registry;
using OneBlueprint.Engines.Assessment.Statistics;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Assessment;

using OneBlueprint.Server.Http;

namespace OneBlueprint.Server.Assessment;

/// <summary>
/// The JSON of the regional-assessment answers, shared by the HTTP endpoints and `ob assessment … --json`.
/// Coverage:
/// <code>
/// { date, redLine {name, format, inputSrid, parcels, areaM2, workingSrid},
///   summary {mayReuse [{item, name, mode, modeZh, approvals, conditions}], needOwnAssessment [{item, name, approvals, reason {zh, en}}]},
///   items [{code, name, nameEn, status, coveredAreaM2, uncoveredAreaM2, coveredShare, decision, mode, modeZh, approvals, conditions,
///           reason {zh, en}, notes [{zh, en}],
///           sources [{areaId, unitCode, version, name, itemId, validFrom, validTo, state, mode, modeZh, overlapAreaM2, usedAreaM2, used,
///                     issuingBody, approvedOn, conclusions, conditions, documents [{id, fileName, mediaType, sizeBytes, sha256, href}]}],
///           coveredPart, uncoveredPart}],
///   areas [{id, unitCode, version, name}], usageId, notes, warnings }
/// </code>
/// Areas are planar m² in the working CRS, exact doubles; shares are fractions (0–1); status is fully-covered |
/// partly-covered | not-covered, decision may-reuse | needs-own-assessment, state valid | expired | not-yet-valid;
/// parts are GeoJSON in EPSG:4490 lon/lat (9 decimals), left out when not asked for.
/// </summary>
public static class AssessmentJson
{
    public const string BasePath = "/api/v1/assessment";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string DocumentHref(long id) => $"{BasePath}/documents/{id}";

    public static byte[] Utf8(Action<Utf8JsonWriter> write, bool indented = false) => AnswerJson.Utf8(write, indented);

    public static string StatusName(CoverageStatus s) => s switch
    {
        CoverageStatus.FullyCovered => "fully-covered",
        CoverageStatus.PartlyCovered => "partly-covered",
        _ => "not-covered",
    };

    public static string DecisionName(ReuseDecision d) => d == ReuseDecision.MayReuse ? "may-reuse" : "needs-own-assessment";

    public static string StateName(ValidityState s) => s switch
    {
        ValidityState.Valid => "valid",
        ValidityState.Expired => "expired",
        _ => "not-yet-valid",
    };

    // ---------------------------------------------------------------------------------------------------
    // coverage

    public static void WriteCoverage(Utf8JsonWriter w, AssessmentCoverageAnswer answer, bool includeParts)
    {
        var r = answer.Report;
        w.WriteStartObject();
        w.WriteString("date", Date(r.Date));
        w.WriteStartObject("redLine");
        w.WriteString("name", answer.InputName);
        w.WriteString("format", answer.InputFormat);
        w.WriteNumber("inputSrid", answer.InputSrid);
        w.WriteNumber("parcels", answer.Parcels);
        w.WriteNumber("areaM2", r.RedLineAreaM2);
        w.WriteNumber("workingSrid", r.Srid);
        w.WriteEndObject();

        w.WritePropertyName("summary");
        WriteSummary(w, r);

        w.WriteStartArray("items");
        foreach (var i in r.Items) WriteItem(w, i, r.Srid, includeParts);
        w.WriteEndArray();

        w.WriteStartArray("areas");
        foreach (var a in r.AreasTouched)
        {
            w.WriteStartObject();
            w.WriteNumber("id", a.Id);
            w.WriteString("unitCode", a.UnitCode);
            w.WriteNumber("version", a.Version);
            w.WriteString("name", a.Name);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (answer.UsageId is { } usage) w.WriteNumber("usageId", usage);
        else w.WriteNull("usageId");
        AnswerJson.WriteStrings(w, "notes", r.Notes);
        w.WriteStartArray("warnings");
        foreach (var p in answer.Warnings) AnswerJson.WriteProblem(w, p);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>{mayReuse [...], needOwnAssessment [...]}: the verdict of a coverage report, item by item.</summary>
    public static void WriteSummary(Utf8JsonWriter w, CoverageReport r)
    {
        w.WriteStartObject();
        w.WriteStartArray("mayReuse");
        foreach (var i in r.MayReuse)
        {
            w.WriteStartObject();
            w.WriteString("item", i.ItemCode);
            w.WriteString("name", i.ItemNameZh);
            w.WriteString("mode", i.Mode!.Value.Key());
            w.WriteString("modeZh", i.Mode!.Value.NameZh());
            AnswerJson.WriteStrings(w, "approvals", i.Approvals);
            AnswerJson.WriteStrings(w, "conditions", i.Conditions);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("needOwnAssessment");
        foreach (var i in r.NeedOwnAssessment)
        {
            w.WriteStartObject();
            w.WriteString("item", i.ItemCode);
            w.WriteString("name", i.ItemNameZh);
            AnswerJson.WriteStrings(w, "approvals", i.Approvals);
            WriteText(w, "reason", i.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// The regional-assessment block of a stored compliance check filed under a project: the day, the areas touched, the
    /// verdict per item (summary) and each item's status and share, and whether the reuse was recorded.
    /// </summary>
    public static void WriteComplianceBlock(Utf8JsonWriter w, CoverageReport r, bool reuseRecorded)
    {
        w.WriteStartObject();
        w.WriteString("date", Date(r.Date));
        w.WriteBoolean("reuseRecorded", reuseRecorded);
        w.WriteStartArray("areas");
        foreach (var a in r.AreasTouched) w.WriteStringValue($"{a.UnitCode} v{a.Version} {a.Name}");
        w.WriteEndArray();
        w.WritePropertyName("summary");
        WriteSummary(w, r);
        w.WriteStartArray("items");
        foreach (var i in r.Items)
        {
            w.WriteStartObject();
            w.WriteString("code", i.ItemCode);
            w.WriteString("name", i.ItemNameZh);
            w.WriteString("status", StatusName(i.Status));
            w.WriteNumber("coveredShare", i.CoveredShare);
            w.WriteString("decision", DecisionName(i.Decision));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("details", $"{BasePath}/coverage");
        w.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter w, ItemCoverage i, int srid, bool includeParts)
    {
        w.WriteStartObject();
        w.WriteString("code", i.ItemCode);
        w.WriteString("name", i.ItemNameZh);
        w.WriteString("nameEn", i.ItemNameEn);
        w.WriteString("status", StatusName(i.Status));
        w.WriteNumber("coveredAreaM2", i.CoveredAreaM2);
        w.WriteNumber("uncoveredAreaM2", i.UncoveredAreaM2);
        w.WriteNumber("coveredShare", i.CoveredShare);
        w.WriteString("decision", DecisionName(i.Decision));
        if (i.Mode is { } mode)
        {
            w.WriteString("mode", mode.Key());
            w.WriteString("modeZh", mode.NameZh());
        }
        else
        {
            w.WriteNull("mode");
            w.WriteNull("modeZh");
        }
        AnswerJson.WriteStrings(w, "approvals", i.Approvals);
        AnswerJson.WriteStrings(w, "conditions", i.Conditions);
        WriteText(w, "reason", i.Reason);
        w.WriteStartArray("notes");
        foreach (var n in i.Notes) WriteText(w, null, n);
        w.WriteEndArray();
        w.WriteStartArray("sources");
        foreach (var s in i.Sources)
        {
            w.WriteStartObject();
            w.WriteNumber("areaId", s.Area.Id);
            w.WriteString("unitCode", s.Area.UnitCode);
            w.WriteNumber("version", s.Area.Version);
            w.WriteString("name", s.Area.Name);
            WriteResult(w, s.Item, s.State);
            w.WriteNumber("overlapAreaM2", s.OverlapAreaM2);
            w.WriteNumber("usedAreaM2", s.UsedAreaM2);
            w.WriteBoolean("used", s.Used);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (includeParts)
        {
            w.WritePropertyName("coveredPart");
            AnswerJson.WriteLonLat(w, i.CoveredPart, srid);
            w.WritePropertyName("uncoveredPart");
            AnswerJson.WriteLonLat(w, i.UncoveredPart, srid);
        }
        w.WriteEndObject();
    }

    /// <summary>The fields of one item result (inside an object being written).</summary>
    private static void WriteResult(Utf8JsonWriter w, AssessedItem item, ValidityState state)
    {
        w.WriteNumber("itemId", item.Id);
        w.WriteString("item", item.ItemCode);
        w.WriteString("itemName", item.ItemName);
        w.WriteString("validFrom", Date(item.Validity.From));
        if (item.Validity.To is { } to) w.WriteString("validTo", Date(to));
        else w.WriteNull("validTo");
        w.WriteString("state", StateName(state));
        w.WriteString("mode", item.Mode.Key());
        w.WriteString("modeZh", item.Mode.NameZh());
        AnswerJson.WriteStrings(w, "matchedApprovals", item.MatchedApprovals);
        AnswerJson.WriteStringOrNull(w, "issuingBody", item.IssuingBody);
        AnswerJson.WriteStringOrNull(w, "approvedOn", item.ApprovedOn is { } d ? Date(d) : null);
        AnswerJson.WriteStringOrNull(w, "conclusions", item.Conclusions);
        AnswerJson.WriteStringOrNull(w, "conditions", item.Conditions);
        w.WriteStartArray("documents");
        foreach (var doc in item.Documents)
        {
            w.WriteStartObject();
            w.WriteNumber("id", doc.Id);
            w.WriteString("fileName", doc.FileName);
            w.WriteString("mediaType", doc.MediaType);
            w.WriteNumber("sizeBytes", doc.SizeBytes);
            w.WriteString("sha256", doc.Sha256);
            w.WriteString("href", DocumentHref(doc.Id));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    // ---------------------------------------------------------------------------------------------------
    // point look-up

    public static void WritePointLookup(Utf8JsonWriter w, double lon, double lat, DateOnly date, IReadOnlyList<PointMatch> matches)
    {
        w.WriteStartObject();
        w.WriteString("date", Date(date));
        w.WriteStartObject("point");
        w.WriteNumber("lon", lon);
        w.WriteNumber("lat", lat);
        w.WriteEndObject();
        w.WriteStartArray("areas");
        foreach (var m in matches)
        {
            w.WriteStartObject();
            w.WriteNumber("id", m.Area.Id);
            w.WriteString("unitCode", m.Area.UnitCode);
            w.WriteNumber("version", m.Area.Version);
            w.WriteString("name", m.Area.Name);
            AnswerJson.WriteStringOrNull(w, "scope", m.Area.Scope);
            w.WriteNumber("areaM2", m.Area.Geometry.Area);
            w.WriteStartArray("items");
            foreach (var (item, state) in m.Items)
            {
                w.WriteStartObject();
                WriteResult(w, item, state);
                w.WriteBoolean("reusable", state == ValidityState.Valid);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("reusable");
        foreach (var code in matches.SelectMany(m => m.Items).Where(i => i.State == ValidityState.Valid).Select(i => i.Item.ItemCode).Distinct())
            w.WriteStringValue(code);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // ---------------------------------------------------------------------------------------------------
    // areas

    /// <summary>One stored area version as a JSON object (no geometry): ids, status, items with documents, history dates.</summary>
    public static void WriteArea(Utf8JsonWriter w, AssessmentAreaRecord a, DateOnly date)
    {
        w.WriteStartObject();
        WriteAreaProperties(w, a, date);
        w.WriteEndObject();
    }

    public static void WriteAreaProperties(Utf8JsonWriter w, AssessmentAreaRecord a, DateOnly date)
    {
        w.WriteNumber("id", a.Id);
        w.WriteString("unitCode", a.UnitCode);
        w.WriteNumber("version", a.Version);
        w.WriteString("name", a.Name);
        AnswerJson.WriteStringOrNull(w, "scope", a.Scope);
        w.WriteNumber("areaM2", a.AreaM2);
        w.WriteNumber("areaKm2", a.AreaM2 / 1e6);
        w.WriteString("status", a.Status);
        w.WriteString("createdAt", a.CreatedAt);
        w.WriteString("createdBy", a.CreatedBy);
        if (a.PublishedAt is { } p) w.WriteString("publishedAt", p); else w.WriteNull("publishedAt");
        if (a.SupersededAt is { } s) w.WriteString("supersededAt", s); else w.WriteNull("supersededAt");
        AnswerJson.WriteStringOrNull(w, "sourceFile", a.SourceFile);
        w.WriteStartArray("items");
        foreach (var i in a.Items)
        {
            var item = i.ToEngine();
            w.WriteStartObject();
            WriteResult(w, item, item.Validity.On(date));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Areas as a GeoJSON FeatureCollection in EPSG:4490 (or <paramref name="outputSrid"/>), properties as <see cref="WriteArea"/>.</summary>
    public static void WriteAreaCollection(Utf8JsonWriter w, IReadOnlyList<AssessmentAreaRecord> areas, DateOnly date, int workingSrid, int outputSrid)
    {
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteString("date", Date(date));
        w.WriteStartArray("features");
        foreach (var a in areas)
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteString("id", a.Id.ToString(Inv));
            w.WritePropertyName("geometry");
            var g = outputSrid == workingSrid ? a.Geometry : Reprojector.Transform(a.Geometry, workingSrid, outputSrid);
            GeoJsonWriter.WriteGeometry(w, g, GeoJsonWriter.DefaultDecimals(outputSrid));
            w.WriteStartObject("properties");
            WriteAreaProperties(w, a, date);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // ---------------------------------------------------------------------------------------------------
    // statistics

    public static void WriteStatistics(Utf8JsonWriter w, CoverageStatistics s, IReadOnlyList<MonthlyReuse> reuse)
    {
        w.WriteStartObject();
        w.WriteString("date", Date(s.Date));
        w.WriteString("unit", "km² (planar, working CRS); shares are fractions 0–1");
        w.WriteNumber("publishedAreas", s.AreaCount);
        w.WriteNumber("assessedKm2", s.AssessedKm2);
        w.WriteStartArray("byItem");
        foreach (var i in s.ByItem) WriteItemArea(w, i);
        w.WriteEndArray();
        w.WriteStartArray("byDistrict");
        foreach (var d in s.ByDistrict)
        {
            w.WriteStartObject();
            w.WriteString("code", d.Code);
            w.WriteString("name", d.Name);
            w.WriteNumber("districtKm2", d.DistrictKm2);
            w.WriteNumber("assessedKm2", d.AssessedKm2);
            w.WriteStartArray("byItem");
            foreach (var i in d.ByItem) WriteItemArea(w, i);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("urbanBoundary");
        WriteRegion(w, s.UrbanBoundary);
        w.WritePropertyName("developmentZones");
        w.WriteStartObject();
        w.WriteNumber("km2", s.DevelopmentZones.Km2);
        w.WriteNumber("assessedKm2", s.DevelopmentZones.AssessedKm2);
        w.WriteNumber("share", s.DevelopmentZones.Share);
        w.WriteStartArray("zones");
        foreach (var z in s.Zones) WriteRegion(w, z);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("reuseByMonth");
        foreach (var m in reuse)
        {
            w.WriteStartObject();
            w.WriteString("month", $"{m.Year:D4}-{m.Month:D2}");
            w.WriteNumber("projects", m.Projects);
            w.WriteNumber("checks", m.Records);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("expiringWithinDays", s.ExpiringWithinDays);
        w.WriteStartArray("expiring");
        foreach (var e in s.Expiring)
        {
            w.WriteStartObject();
            w.WriteNumber("areaId", e.Area.Id);
            w.WriteString("unitCode", e.Area.UnitCode);
            w.WriteString("name", e.Area.Name);
            w.WriteString("item", e.Item.ItemCode);
            w.WriteString("itemName", e.Item.ItemName);
            w.WriteString("validTo", Date(e.ValidTo));
            w.WriteNumber("daysLeft", e.DaysLeft);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteItemArea(Utf8JsonWriter w, ItemArea i)
    {
        w.WriteStartObject();
        w.WriteString("item", i.ItemCode);
        w.WriteString("name", i.ItemNameZh);
        w.WriteNumber("km2", i.Km2);
        w.WriteEndObject();
    }

    private static void WriteRegion(Utf8JsonWriter w, RegionShare r)
    {
        w.WriteStartObject();
        w.WriteString("code", r.Code);
        w.WriteString("name", r.Name);
        w.WriteNumber("km2", r.Km2);
        w.WriteNumber("assessedKm2", r.AssessedKm2);
        w.WriteNumber("share", r.Share);
        w.WriteEndObject();
    }

    // ---------------------------------------------------------------------------------------------------

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);

    private static void WriteText(Utf8JsonWriter w, string? name, Explanation text)
    {
        if (name is null) w.WriteStartObject(); else w.WriteStartObject(name);
        w.WriteString("zh", text.Zh);
        w.WriteString("en", text.En);
        w.WriteEndObject();
    }
}
