using OneBlueprint.Server.Compliance;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Endpoints;

/// <summary>
/// Liveness (the process answers) and readiness (PostGIS reachable, migrations applied, the blueprint's control layers
/// loaded into memory — until then compliance checks answer 503, so a load balancer should wait too).
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }))
            .WithName("Health").WithSummary("The process is up.").WithTags("Health");

        app.MapGet("/health/ready", async (ObDatabase db, BlueprintLoader blueprint, CancellationToken ct) =>
            {
                var report = await Readiness.CheckAsync(db, ct);
                var status = blueprint.Status;
                var ready = report.IsReady && status.IsLoaded;
                var body = new
                {
                    isReady = ready,
                    report.Reachable,
                    report.PostGisVersion,
                    report.WorkingSrid,
                    report.PendingMigrations,
                    report.Problem,
                    blueprint = status,
                };
                return ready ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .WithName("Readiness").WithSummary("PostGIS is reachable, the schema is up to date and the blueprint index is loaded (blueprint.state).").WithTags("Health");
        return app;
    }
}
