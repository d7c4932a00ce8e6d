using OneBlueprint.Server.Page;

namespace OneBlueprint.Server.Endpoints;

/// <summary>
/// The standard map page <c>/blueprint</c> (<c>?projectCode=</c> shows a project, <c>?token=</c> a signed embedding
/// link), its built assets under <c>/blueprint/assets/</c>, and <c>/blueprint/access</c>, which says what a link grants
/// (for the provincial system to test the links it mints). See <see cref="PageAccess"/> for what the token gates.
/// </summary>
public static class PageEndpoints
{
    public static WebApplication MapBlueprintPage(this WebApplication app)
    {
        var embed = EmbedOptions.From(app.Configuration);
        var assets = WebAssets.Locate(app.Configuration);
        var csp = PageHtml.ContentSecurityPolicy(embed.FrameAncestors);
        var group = app.MapGroup("/blueprint").WithTags("Page");

        group.MapGet("/", (HttpContext http, string? token, string? projectCode) =>
            {
                if (!assets.IsBuilt)
                    return LayerEndpoints.Problem(503, "page.unbuilt", "the standard page's front end is not built (web/dist/app.js is missing)",
                        "Run scripts/web.sh (npm ci && npm run build in web/), or set OB_WEB_DIST to a built dist folder. make run does this.");
                var access = PageAccess.For(embed, token, projectCode, DateTimeOffset.UtcNow);
                http.Response.Headers.ContentSecurityPolicy = csp;
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers["Referrer-Policy"] = "same-origin";
                var version = File.GetLastWriteTimeUtc(Path.Combine(assets.Directory!, "app.js")).Ticks.ToString();
                return Results.Content(PageHtml.Render(access, token, version), "text/html; charset=utf-8");
            })
            .WithName("BlueprintPage").WithSummary("The standard map page (HTML). Query: projectCode, token (signed embedding link).");

        group.MapGet("/access", (string? token, string? projectCode) => Results.Ok(PageAccess.For(embed, token, projectCode, DateTimeOffset.UtcNow)))
            .WithName("BlueprintAccess").WithSummary("What the page would grant for a token (and project): projects, compliance, mode, note.");

        group.MapGet("/assets/{**path}", (string path, HttpContext http) =>
            {
                if (assets.Find(path) is not { } file) return Results.NotFound();
                // app.js?v=<build time>: the shell always names the current build, so assets may be cached for long.
                http.Response.Headers.CacheControl = http.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
                return Results.File(file.Path, file.ContentType, lastModified: File.GetLastWriteTimeUtc(file.Path), enableRangeProcessing: false);
            })
            .ExcludeFromDescription();
        return app;
    }
}
