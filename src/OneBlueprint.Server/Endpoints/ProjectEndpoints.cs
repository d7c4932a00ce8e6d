using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Server.Access;
using OneBlueprint.Server.Http;
using OneBlueprint.Storage.Projects;

namespace OneBlueprint.Server.Endpoints;

/// <summary>Projects and their red lines (项目用地红线): several parcels per revision, holes allowed.</summary>
public static class ProjectEndpoints
{
    public sealed record NewProject(string Code, string Name, string? Category, string? DistrictCode);

    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/v1/projects").WithTags("Projects");

        projects.MapGet("/", async (ProjectStore store, CancellationToken ct) => Results.Ok(await store.ListProjectsAsync(ct)))
            .WithName("ListProjects").WithSummary("All projects with their latest red-line revision.");

        projects.MapGet("/{code}", async (string code, ProjectStore store, CancellationToken ct) =>
                await store.GetProjectAsync(code, ct) is { } p ? Results.Ok(p) : ProjectNotFound(code))
            .WithName("GetProject").WithSummary("One project.");

        projects.MapGet("/{code}/redline", async (string code, ProjectStore store, HttpRequest request, CancellationToken ct, int? revision = null) =>
                await store.GetRedLineAsync(code, revision, ct) is { } red
                    ? new GeoJsonResult(red, QueryCrs.Parse(request, "crs") ?? CrsCatalog.Cgcs2000)
                    : ProjectNotFound(code))
            .WithName("GetProjectRedLine").WithSummary("The project's red line (latest or ?revision=N) as GeoJSON; crs= the output CRS.");

        projects.MapPost("/", async (NewProject body, ProjectStore store, HttpContext http, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(body.Code) || string.IsNullOrWhiteSpace(body.Name))
                    throw new InputException(InputProblem.Error("project.fields", "a project needs a code and a name", null, "Send {\"code\":\"…\",\"name\":\"…\"}."));
                await store.UpsertProjectAsync(body.Code, body.Name, body.Category, body.DistrictCode, http.CallerName(), ct);
                return Results.Created($"/api/v1/projects/{body.Code}", await store.GetProjectAsync(body.Code, ct));
            })
            .RequireAuthorization(Roles.PlannerPolicy)
            .WithName("UpsertProject").WithSummary("Create or update a project (planner or admin key).");

        projects.MapPost("/{code}/redlines", async (string code, HttpContext http, ProjectStore store, CancellationToken ct) =>
            {
                if (await store.GetProjectAsync(code, ct) is null) return ProjectNotFound(code);
                var forced = QueryCrs.Parse(http.Request, "crs");
                var upload = await UploadReader.ReadAsync(http.Request, ct, forced);
                var parcels = upload.Features;
                if (forced is not null) parcels.Srid = forced;
                var problems = parcels.Features.SelectMany(f => GeometryValidator.Check(f.Geometry, f.Source)).ToList();
                if (problems.Count > 0) throw new InputException(problems, 422);
                var working = parcels.ReprojectTo(store.WorkingSrid);
                var revision = await store.AddRedLineRevisionAsync(code, working, http.CallerName(), upload.FileName, ct);
                return Results.Created($"/api/v1/projects/{code}/redline?revision={revision}", new { code, revision, parcels = working.Features.Count, warnings = parcels.Warnings.Select(Problems.ProblemMapping.ToJson) });
            })
            .RequireAuthorization(Roles.PlannerPolicy)
            .DisableAntiforgery()
            .WithName("AddProjectRedLine").WithSummary("Upload a red line (界址点 TXT or GeoJSON) as the project's next revision.");
        return app;
    }

    private static IResult ProjectNotFound(string code) =>
        LayerEndpoints.Problem(404, "project.unknown", $"there is no project '{code}'", "GET /api/v1/projects lists the projects.");
}
