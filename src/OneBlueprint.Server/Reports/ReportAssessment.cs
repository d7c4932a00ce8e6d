using System.Text.Json.Nodes;

namespace OneBlueprint.Server.Reports;

/// <summary>
/// The regional-assessment block of a stored check (区域评估成果复用), as the check's answer recorded it: the day the
/// results were judged on, the areas the red line touches, per item its coverage and decision, which approvals may go
/// by 告知承诺 and which still need their own assessment with the reason. Null on a report when the check has none.
/// </summary>
public sealed record ReportAssessment(
    string Date,
    IReadOnlyList<string> Areas,
    IReadOnlyList<ReportAssessment.Item> Items,
    IReadOnlyList<ReportAssessment.Reuse> MayReuse,
    IReadOnlyList<ReportAssessment.Own> NeedOwnAssessment)
{
    public sealed record Item(string Name, string Status, double CoveredShare, string Decision);

    public sealed record Reuse(string Name, string ModeZh, IReadOnlyList<string> Approvals, IReadOnlyList<string> Conditions);

    public sealed record Own(string Name, IReadOnlyList<string> Approvals, string Reason);

    /// <summary>The "assessment" member of a stored answer, or null when there is none.</summary>
    public static ReportAssessment? FromAnswer(string answerJson)
    {
        if (JsonNode.Parse(answerJson)?["assessment"] is not JsonObject a) return null;
        static IReadOnlyList<string> Strings(JsonNode? n) => n is JsonArray arr ? arr.Select(x => x?.GetValue<string>() ?? "").ToList() : [];
        var summary = a["summary"] as JsonObject;
        return new ReportAssessment(
            a["date"]?.GetValue<string>() ?? "",
            Strings(a["areas"]),
            (a["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i => new Item(
                i["name"]!.GetValue<string>(), i["status"]!.GetValue<string>(), i["coveredShare"]!.GetValue<double>(), i["decision"]!.GetValue<string>())).ToList(),
            (summary?["mayReuse"] as JsonArray ?? []).OfType<JsonObject>().Select(i => new Reuse(
                i["name"]!.GetValue<string>(), i["modeZh"]?.GetValue<string>() ?? "", Strings(i["approvals"]), Strings(i["conditions"]))).ToList(),
            (summary?["needOwnAssessment"] as JsonArray ?? []).OfType<JsonObject>().Select(i => new Own(
                i["name"]!.GetValue<string>(), Strings(i["approvals"]),
                i["reason"] is JsonObject r ? r["zh"]?.GetValue<string>() ?? "" : i["reason"]?.GetValue<string>() ?? "")).ToList());
    }
}
