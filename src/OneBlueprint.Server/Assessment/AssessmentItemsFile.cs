using System.Globalization;
using System.Text.Json;
using OneBlueprint.Engines.Assessment.Catalogue;
using OneBlueprint.Engines.Assessment.Registry;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Assessment;

namespace OneBlueprint.Server.Assessment;

/// <summary>
/// Reads the items of an assessment area (the `--items` file of `ob assessment import`, the <c>items</c> field of
/// POST /api/v1/assessment/areas): a JSON array, or an object with an <c>items</c> array, of
/// <code>
/// { "item": "地质灾害危险性评估",          code, Chinese name or alias from the catalogue (or "code"/"name", QYPGSXBM/QYPGSXMC)
///   "validFrom": "2024-03-01",           成果生效日期 QYPGCGSXRQ, required
///   "validTo": "2029-02-28",             成果截止日期 QYPGCGJZRQ, null or absent: until revoked
///   "mode": "告知承诺",                   告知承诺 | 免于评估 | 简化 (or notify-commit | exempt | simplified; JHSPDFS), required
///   "matchedApprovals": ["…审批"],        the approval items it stands in for (default: the catalogue's)
///   "conclusions": "…", "conditions": "…", "issuingBody": "…", "approvedOn": "2024-02-20",
///   "documents": ["reports/dzzh.pdf"] }  files relative to the items file (CLI only; over HTTP upload them separately)
/// </code>
/// Every problem is collected and reported together with the item's number (record) and field.
/// </summary>
public static class AssessmentItemsFile
{
    public static IReadOnlyList<AssessmentItemDraft> Parse(byte[] json, string name, AssessmentItemCatalogue catalogue, string? documentsBase)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InputException(InputProblem.Error("assessment.items_json", $"'{name}' is not valid JSON: {e.Message}",
                new SourceLocation(name, Line: e.LineNumber is { } l ? (int)l + 1 : null), "Fix the JSON syntax (the items file is a JSON array of items)."));
        }
        using (document)
        {
            var root = document.RootElement;
            var array = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items
                : throw new InputException(InputProblem.Error("assessment.items_json", $"'{name}' holds no list of items", new SourceLocation(name),
                    "Write a JSON array of items, or an object with an \"items\" array; see the README (Regional assessment)."));
            var problems = new List<InputProblem>();
            var drafts = new List<AssessmentItemDraft>();
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                index++;
                var where = new SourceLocation(name, Record: index);
                var draft = ParseItem(element, index, where, catalogue, documentsBase, problems);
                if (draft is not null) drafts.Add(draft);
            }
            if (index == 0)
                problems.Add(InputProblem.Error("assessment.no_items", $"'{name}' lists no items", new SourceLocation(name), "List at least one item result."));
            if (problems.Count > 0) throw new InputException(problems, problems.Any(p => p.Code == "assessment.items_json") ? 400 : 422);
            return drafts;
        }
    }

    private static AssessmentItemDraft? ParseItem(JsonElement e, int index, SourceLocation where, AssessmentItemCatalogue catalogue, string? documentsBase,
        List<InputProblem> problems)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            problems.Add(InputProblem.Error("assessment.items_json", $"item {index} is a JSON {e.ValueKind.ToString().ToLowerInvariant()}, not an object", where,
                "Write each item as an object: {\"item\": \"…\", \"validFrom\": \"YYYY-MM-DD\", \"mode\": \"告知承诺\"}."));
            return null;
        }
        var before = problems.Count;
        var label = $"item {index}";
        var text = Text(e, "item") ?? Text(e, "code") ?? Text(e, "QYPGSXBM") ?? Text(e, "name") ?? Text(e, "QYPGSXMC");
        // a code the catalogue does not know may still come with a name it does
        var alsoNamed = Text(e, "name") ?? Text(e, "QYPGSXMC");
        var definition = text is null ? null : catalogue.Resolve(text) ?? (alsoNamed is null ? null : catalogue.Resolve(alsoNamed));
        if (text is null)
            problems.Add(InputProblem.Error("assessment.item", $"{label} does not say which item it is", where,
                $"Add \"item\": one of {string.Join(", ", catalogue.Items.Select(i => $"{i.Code} {i.NameZh}"))}."));
        else if (definition is null)
            problems.Add(InputProblem.Error("assessment.item_unknown", $"{label}: '{text}' is not an assessment item of the catalogue '{catalogue.Name}'", where,
                $"Use one of {string.Join(", ", catalogue.Items.Select(i => $"{i.Code} {i.NameZh}"))} (a deployment adds items with OB_ASSESSMENT_ITEMS)."));
        else label = $"item {index} ({definition.NameZh})";

        var from = Date(e, label, where, problems, "validFrom", "QYPGCGSXRQ", required: true);
        var to = Date(e, label, where, problems, "validTo", "QYPGCGJZRQ", required: false);
        var approved = Date(e, label, where, problems, "approvedOn", null, required: false);
        var modeText = Text(e, "mode") ?? Text(e, "JHSPDFS");
        var mode = SimplifiedApprovalModes.Parse(modeText);
        if (mode is null)
            problems.Add(InputProblem.Error("assessment.mode", modeText is null ? $"{label} has no simplified-approval mode" : $"{label}: mode '{modeText}' is not a simplified-approval mode",
                where, "Add \"mode\": 告知承诺 (notify-commit), 免于评估 (exempt) or 简化 (simplified)."));

        var approvals = Strings(e, "matchedApprovals", label, where, problems);
        var documents = new List<DocumentDraft>();
        foreach (var path in Strings(e, "documents", label, where, problems))
        {
            if (documentsBase is null)
            {
                problems.Add(InputProblem.Error("assessment.document_path", $"{label} names document '{path}', but documents are not read from paths here", where,
                    "Over HTTP, upload each document with POST /api/v1/assessment/areas/{id}/items/{item}/documents; leave \"documents\" out."));
                continue;
            }
            var full = Path.GetFullPath(Path.Combine(documentsBase, path));
            if (!File.Exists(full))
                problems.Add(InputProblem.Error("assessment.document_missing", $"{label}: document '{path}' does not exist ({full})", where,
                    "Check the path; it is relative to the items file."));
            else documents.Add(new DocumentDraft(Path.GetFileName(full), File.ReadAllBytes(full), new SourceLocation(full)));
        }
        if (problems.Count > before || definition is null || from is null || mode is null) return null;
        return new AssessmentItemDraft(definition.Code, definition.NameZh, from.Value, to, mode.Value.Key(),
            approvals.Count > 0 ? approvals : definition.StandardApprovals,
            Text(e, "conclusions"), Text(e, "conditions"), Text(e, "issuingBody"), approved, documents, where);
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()!.Trim() : null;

    private static DateOnly? Date(JsonElement e, string label, SourceLocation where, List<InputProblem> problems, string property, string? alias, bool required)
    {
        JsonElement v = default;
        var found = e.TryGetProperty(property, out v) || (alias is not null && e.TryGetProperty(alias, out v));
        if (!found || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
                problems.Add(InputProblem.Error("assessment.dates", $"{label} has no {property}", where, $"Add \"{property}\": \"YYYY-MM-DD\"."));
            return null;
        }
        if (v.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        problems.Add(InputProblem.Error("assessment.dates", $"{label}: {property} '{v}' is not a date", where, $"Write {property} as YYYY-MM-DD, e.g. \"2024-03-01\"."));
        return null;
    }

    private static List<string> Strings(JsonElement e, string property, string label, SourceLocation where, List<InputProblem> problems)
    {
        if (!e.TryGetProperty(property, out var v) || v.ValueKind == JsonValueKind.Null) return [];
        if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
            return v.EnumerateArray().Select(x => x.GetString()!.Trim()).Where(s => s.Length > 0).ToList();
        problems.Add(InputProblem.Error("assessment.items_json", $"{label}: {property} is not a list of texts", where, $"Write {property} as [\"…\", \"…\"]."));
        return [];
    }
}
