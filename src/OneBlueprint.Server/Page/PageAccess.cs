namespace OneBlueprint.Server.Page;

/// <summary>
/// What one opening of the standard page may show. Public layers always; projects' red lines and the compliance
/// review (draw/upload and check) when the server has no embedding secret, or the link carries a valid token — and
/// then only the token's project when it names one.
/// <para>
/// This gates the page. The HTTP API keeps its own rules (README "Access"): reading red lines and running checks
/// without storing them under a project are open there, so the token is a guard on what the embedded page offers, not
/// on data that is public anyway.
/// </para>
/// </summary>
public sealed record PageAccess(bool Projects, bool Compliance, string? ProjectCode, string Mode, string? Note)
{
    public static PageAccess For(EmbedOptions options, string? token, string? requestedProject, DateTimeOffset now)
    {
        if (options.Secret is null)
            return new PageAccess(true, true, requestedProject, "open", null);
        var payload = EmbedToken.Verify(token, options.Secret, now, out var whyNot);
        if (payload is null)
            return new PageAccess(false, false, null, "public",
                token is null ? "未携带授权令牌：仅显示公开图层（项目红线与合规性审查需要省级系统签发的链接）。"
                              : $"授权令牌无效（{whyNot}）：仅显示公开图层。");
        if (payload.ProjectCode is { } bound && requestedProject is not null && requestedProject != bound)
            return new PageAccess(true, true, bound, "token", $"授权令牌仅限项目 {bound}，已改为显示该项目（不能查看项目 {requestedProject}）。");
        return new PageAccess(true, true, payload.ProjectCode ?? requestedProject, "token", null);
    }
}
