using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Endpoints;

/// <summary>Liveness (the process answers) and readiness (PostGIS reachable, migrations applied).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }))
            .WithName("Health").WithSummary("The process is up.").WithTags("Health");

        app.MapGet("/health/ready", async (ObDatabase db, CancellationToken ct) =>
            {
                var report = await Readiness.CheckAsync(db, ct);
                return report.IsReady ? Results.Ok(report) : Results.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithName("Readiness").WithSummary("PostGIS is reachable and the schema is up to date.").WithTags("Health");
        return app;
    }
}
