using OneBlueprint.Server.Access;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Endpoints;

/// <summary>The append-only audit trail of every write (administrators only).</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async (ObDatabase db, CancellationToken ct, int limit = 100) =>
                Results.Ok(await AuditLog.ListAsync(db, Math.Clamp(limit, 1, 1000), ct: ct)))
            .RequireAuthorization(Roles.AdminPolicy)
            .WithTags("Audit").WithName("ListAudit").WithSummary("The newest audit records: who, what, when, before/after ids.");
        return app;
    }
}
