namespace OneBlueprint.Engines.Assessment.Registry;

/// <summary>
/// How an approval goes when a project reuses a valid regional-assessment result (简化审批方式, JHSPDFS):
/// <see cref="NotifyAndCommit"/> 告知承诺 (the enterprise signs a commitment and the approval is granted on it),
/// <see cref="Exempt"/> 免于评估 (no project-level assessment at all), <see cref="Simplified"/> 简化 (a reduced
/// project-level assessment or report form).
/// </summary>
public enum SimplifiedApprovalMode
{
    NotifyAndCommit,
    Exempt,
    Simplified,
}

/// <summary>The names of <see cref="SimplifiedApprovalMode"/>: a key for APIs and storage, and the Chinese term.</summary>
public static class SimplifiedApprovalModes
{
    public static string Key(this SimplifiedApprovalMode mode) => mode switch
    {
        SimplifiedApprovalMode.NotifyAndCommit => "notify-commit",
        SimplifiedApprovalMode.Exempt => "exempt",
        _ => "simplified",
    };

    public static string NameZh(this SimplifiedApprovalMode mode) => mode switch
    {
        SimplifiedApprovalMode.NotifyAndCommit => "告知承诺",
        SimplifiedApprovalMode.Exempt => "免于评估",
        _ => "简化",
    };

    /// <summary>How much is still asked of the project: a project covered by results of several modes gets the strictest.</summary>
    public static int Strictness(this SimplifiedApprovalMode mode) => mode switch
    {
        SimplifiedApprovalMode.Exempt => 0,
        SimplifiedApprovalMode.NotifyAndCommit => 1,
        _ => 2,
    };

    public static IReadOnlyList<SimplifiedApprovalMode> All { get; } =
        [SimplifiedApprovalMode.NotifyAndCommit, SimplifiedApprovalMode.Exempt, SimplifiedApprovalMode.Simplified];

    /// <summary>Reads a key or a Chinese name (告知承诺, 告知承诺制, 免于评估, 免评, 简化, 简化审批); null when it is neither.</summary>
    public static SimplifiedApprovalMode? Parse(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "notify-commit" or "notify_commit" or "notifyandcommit" or "告知承诺" or "告知承诺制" => SimplifiedApprovalMode.NotifyAndCommit,
        "exempt" or "免于评估" or "免评" or "免予评估" => SimplifiedApprovalMode.Exempt,
        "simplified" or "简化" or "简化审批" or "简化评估" => SimplifiedApprovalMode.Simplified,
        _ => null,
    };
}
