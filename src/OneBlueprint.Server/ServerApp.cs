using Microsoft.AspNetCore.Authentication;
using OneBlueprint.Server.Access;
using OneBlueprint.Server.Compliance;
using OneBlueprint.Server.Endpoints;
using OneBlueprint.Server.Hosting;
using OneBlueprint.Server.Problems;

namespace OneBlueprint.Server;

/// <summary>
/// Builds the HTTP server: storage services, API-key access, ProblemDetails errors, OpenAPI, and the
/// endpoint groups. Used by Program (dotnet run), `./ob serve` and the tests' WebApplicationFactory.
/// </summary>
public static class ServerApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
            builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = ServerLimits.MaxBodyBytes);

        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("OB_LOG_FORMAT") == "plain") builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        else builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);

        builder.Services.AddOneBlueprintStorage(builder.Configuration["OB_DATABASE"]);
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddOneBlueprintCompliance(); // after DatabaseStartup: the blueprint loads from a migrated schema
        Analysis.AnalysisServices.AddOneBlueprintAnalysis(builder.Services); // after DatabaseStartup too: it fails jobs a stopped server left
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<InputExceptionHandler>();
        Tiles.TileServices.AddOneBlueprintTiles(builder.Services, builder.Configuration);
        builder.Services.AddOpenApi();
        builder.Services.AddAuthentication(ApiKeyAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Roles.PlannerPolicy, p => p.RequireRole(Roles.Admin, Roles.Planner))
            .AddPolicy(Roles.AnyKeyPolicy, p => p.RequireAuthenticatedUser());
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapGet("/", () => Results.Redirect("/openapi/v1.json")).ExcludeFromDescription();
        app.MapHealth();
        app.MapLayers();
        app.MapProjects();
        app.MapAudit();
        app.MapCompliance();
        app.MapAssessment();
        app.MapAnalysis();
        app.MapOgcFeatures();
        app.MapTiles();
        app.MapRasterTiles();
        app.MapBlueprintPage(); // the standard page /blueprint and its built assets (web/dist)
        return app;
    }
}
