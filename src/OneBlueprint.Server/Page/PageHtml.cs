using System.Net;
using System.Text.Json;

namespace OneBlueprint.Server.Page;

/// <summary>
/// The HTML shell of the standard page (一张蓝图标准页面): the panels' skeleton, so something is on screen before the
/// script runs, and the page's configuration (access, project) as inert JSON that app.js reads.
/// </summary>
public static class PageHtml
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The Content-Security-Policy: everything from this origin (no CDN), framing only by <paramref name="frameAncestors"/>.</summary>
    public static string ContentSecurityPolicy(string frameAncestors) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; worker-src 'self' blob:; base-uri 'self'; form-action 'self'; object-src 'none'; " +
        $"frame-ancestors {frameAncestors}";

    public static string Render(PageAccess access, string? token, string version)
    {
        var config = JsonSerializer.Serialize(new
        {
            access.Projects, access.Compliance, access.ProjectCode, access.Mode, access.Note,
            Token = access.Mode == "token" ? token : null,
        }, Json).Replace("</", "<\\/");
        var v = WebUtility.UrlEncode(version);
        return $$"""
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>一张蓝图 · 标准页面</title>
<link rel="stylesheet" href="/blueprint/assets/app.css?v={{v}}">
<script type="application/json" id="ob-config">{{config}}</script>
<script src="/blueprint/assets/app.js?v={{v}}" defer></script>
</head>
<body>
<header class="ob-top">
  <h1>一张蓝图 <small>国土空间规划“一张图”标准页面</small></h1>
  <nav class="ob-tools" id="ob-tools" aria-label="工具"></nav>
</header>
<main class="ob-main">
  <aside class="ob-side" id="ob-tree" aria-label="图层"><p class="ob-muted">正在加载图层目录…</p></aside>
  <div class="ob-map" id="ob-map"></div>
  <aside class="ob-panel" id="ob-panel" aria-live="polite"></aside>
</main>
<footer class="ob-status" id="ob-status"><span id="ob-coords">移动鼠标查看坐标（CGCS2000 经纬度 / EPSG:4547 高斯-克吕格）</span><span id="ob-note"></span></footer>
</body>
</html>
""";
    }
}
