namespace OneBlueprint.Storage.Analysis;

/// <summary>
/// The ledger's status workflow: 待处理 → 协调中 → 已协调 or 保留差异; 协调中 may go back to 待处理, and a closed entry may
/// be reopened (→ 协调中). 已协调 needs a 协调方式 (XTFS); 保留差异 needs a reason (TZYY or an opinion).
/// </summary>
public static class LedgerWorkflow
{
    public const string Pending = "待处理";
    public const string Coordinating = "协调中";
    public const string Resolved = "已协调";
    public const string Kept = "保留差异";

    public static readonly IReadOnlyList<string> Statuses = [Pending, Coordinating, Resolved, Kept];

    public static readonly IReadOnlyList<string> Methods = ["按土规", "按城规", "其他"];

    private static readonly Dictionary<string, string[]> Next = new()
    {
        [Pending] = [Coordinating],
        [Coordinating] = [Resolved, Kept, Pending],
        [Resolved] = [Coordinating],
        [Kept] = [Coordinating],
    };

    public static IReadOnlyList<string> AllowedFrom(string status) => Next.GetValueOrDefault(status) ?? [];

    public static bool CanMove(string from, string to) => AllowedFrom(from).Contains(to);
}
