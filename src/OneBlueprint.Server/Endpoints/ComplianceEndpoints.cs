using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Server.Access;
using OneBlueprint.Server.Compliance;
using OneBlueprint.Server.Http;
using OneBlueprint.Server.Reports;
using OneBlueprint.Server.Reports.Pdf;
using OneBlueprint.Storage.Compliance;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Projects;

namespace OneBlueprint.Server.Endpoints;

/// <summary>
/// Compliance review (合规性审查): check a red line against every control layer, and read stored checks, their
/// conflict parts and their reports.
/// <para>
/// Who may check: anyone. The provincial standard page and public enquiries run checks without a key; such checks
/// are stored like the others (caller "anonymous") but cannot be filed under a project — naming a projectCode needs a
/// key (reviewer, planner or admin), so a project's list holds only checks someone answerable made. Reading checks and
/// reports needs no key, like reading the layers.
/// </para>
/// </summary>
public static class ComplianceEndpoints
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEndpointRouteBuilder MapCompliance(this IEndpointRouteBuilder app)
    {
        var checks = app.MapGroup(ComplianceJson.ChecksPath).WithTags("Compliance");

        checks.MapPost("/", RunCheck)
            .DisableAntiforgery()
            .WithName("RunComplianceCheck")
            .WithSummary("Check a red line against every control layer and store the result (201). Body: GeoJSON (geometry, Feature or " +
                         "FeatureCollection; EPSG:4490 lon/lat unless crs=EPSG:N) as application/geo+json, a 界址点 TXT as text/plain, or either " +
                         "as the 'file' of multipart/form-data. Query (or form fields): projectCode (needs an API key), category (default: the " +
                         "project's), includeParts=true|false (overlap parts as GeoJSON in the answer), dryRun=true (answer 200, store nothing), " +
                         "crs=EPSG:N, filename. Limits: 10 MB, 100,000 points (413).");

        checks.MapGet("/", async (ComplianceCheckStore store, CancellationToken ct, string? projectCode = null, int limit = 100) =>
            {
                CheckLimit(limit);
                var list = projectCode is null ? await store.ListAsync(limit, ct) : await store.ListByProjectAsync(projectCode, limit, ct);
                return Results.Ok(list.Select(ToListItem));
            })
            .WithName("ListComplianceChecks").WithSummary("Stored checks, newest first; projectCode= filters by project, limit= (1–1000, default 100).");

        checks.MapGet("/{id:long}", GetCheck)
            .WithName("GetComplianceCheck").WithSummary("A stored check, as the POST answered it; includeParts=false leaves the part geometries out.");

        checks.MapGet("/{id:long}/conflicts.geojson", GetConflicts)
            .WithName("GetComplianceConflicts")
            .WithSummary("The parts of a stored check that conflict or need approval, one feature per layer (layer code, rule, verdict, area), as GeoJSON " +
                         "in EPSG:4490 (crs= another); all=true also gives the parts that passed (edge contact, allowed uses).");

        checks.MapGet("/{id:long}/report", async (long id, ComplianceReportBuilder reports, CancellationToken ct) =>
                await reports.BuildAsync(id, ct) is { } model
                    ? Results.Content(ComplianceReportHtml.Render(model), "text/html; charset=utf-8")
                    : CheckNotFound(id))
            .WithName("GetComplianceReport").WithSummary("The report of a stored check as a self-contained HTML page (map, tables, rules, versions).");

        checks.MapGet("/{id:long}/report.pdf", GetReportPdf)
            .WithName("GetComplianceReportPdf").WithSummary("The report of a stored check as PDF (A4, printed by headless Chromium).");

        app.MapGet("/api/v1/projects/{code}/checks", async (string code, ProjectStore projects, ComplianceCheckStore store, CancellationToken ct, int limit = 100) =>
            {
                CheckLimit(limit);
                if (await projects.GetProjectAsync(code, ct) is null)
                    return LayerEndpoints.Problem(404, "project.unknown", $"there is no project '{code}'", "GET /api/v1/projects lists the projects.");
                return Results.Ok((await store.ListByProjectAsync(code, limit, ct)).Select(ToListItem));
            })
            .WithTags("Projects", "Compliance")
            .WithName("ListProjectComplianceChecks").WithSummary("A project's stored compliance checks, newest first.");
        return app;
    }

    private static async Task<IResult> RunCheck(HttpContext http, BlueprintLoader blueprint, ComplianceRunner runner, ObDatabase db, CancellationToken ct)
    {
        if (!blueprint.IsLoaded) return StillLoading(http, blueprint.Status);
        var input = await RedLineInputReader.ReadAsync(http.Request, QueryCrs.Parse(http.Request, "crs"), ct);
        string? Field(string name) => http.Request.Query[name].FirstOrDefault() ?? input.Fields.GetValueOrDefault(name);

        var projectCode = Field("projectCode");
        if (!string.IsNullOrWhiteSpace(projectCode) && http.User.Identity?.IsAuthenticated != true)
            return Results.Challenge(); // filing a check under a project needs an answerable caller
        var dryRun = Flag(Field("dryRun"), "dryRun", false);
        var request = new ComplianceCheckRequest(input, projectCode, Field("category"), Flag(Field("includeParts"), "includeParts", true),
            Save: !dryRun, http.CallerName(), http.CallerRole());
        var outcome = await runner.RunAsync(request, blueprint.Current, db.WorkingSrid, ct);
        return outcome.Answer.Id is { } id
            ? new JsonBytesResult(outcome.Json, StatusCodes.Status201Created, $"{ComplianceJson.ChecksPath}/{id}")
            : new JsonBytesResult(outcome.Json);
    }

    private static async Task<IResult> GetCheck(long id, ComplianceCheckStore store, CancellationToken ct, bool includeParts = true)
    {
        var json = await store.GetResultJsonAsync(id, ct);
        if (json is null) return CheckNotFound(id);
        if (includeParts) return new JsonBytesResult(Encoding.UTF8.GetBytes(json));
        var answer = JsonNode.Parse(json)!.AsObject();
        foreach (var layer in answer["layers"]!.AsArray().OfType<JsonObject>())
        {
            layer.Remove("parts");
            layer.Remove("outsidePart");
        }
        return new JsonBytesResult(Encoding.UTF8.GetBytes(answer.ToJsonString(Unescaped)));
    }

    private static async Task<IResult> GetConflicts(long id, HttpRequest request, ComplianceCheckStore store, ObDatabase db, CancellationToken ct, bool all = false)
    {
        var json = await store.GetResultJsonAsync(id, ct);
        if (json is null) return CheckNotFound(id);
        var names = new Dictionary<string, (string Name, string Rule)>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(json))
            foreach (var layer in document.RootElement.GetProperty("layers").EnumerateArray())
                names[layer.GetProperty("code").GetString()!] = (layer.GetProperty("name").GetString() ?? "", layer.GetProperty("ruleText").GetProperty("zh").GetString() ?? "");

        var set = new FeatureSet { Srid = db.WorkingSrid, Name = $"compliance-check-{id}-conflicts" };
        foreach (var part in await store.GetPartsAsync(id, ct))
        {
            if (!part.Judged || (!all && part.Verdict == "pass")) continue;
            var feature = new GeoFeature(part.Geometry) { Id = $"{part.LayerCode}-{part.Kind}" };
            var (name, rule) = names.GetValueOrDefault(part.LayerCode, (part.LayerCode, ""));
            feature.Attributes["checkId"] = id;
            feature.Attributes["layerCode"] = part.LayerCode;
            feature.Attributes["layerName"] = name;
            feature.Attributes["kind"] = part.Kind;
            feature.Attributes["verdict"] = part.Verdict;
            feature.Attributes["ruleId"] = part.RuleId;
            feature.Attributes["rule"] = rule;
            feature.Attributes["areaM2"] = part.AreaM2;
            feature.Attributes["areaHa"] = Math.Round(part.AreaM2 / 10_000, 6);
            set.Features.Add(feature);
        }
        return new GeoJsonResult(set, QueryCrs.Parse(request, "crs") ?? CrsCatalog.Cgcs2000);
    }

    private static async Task<IResult> GetReportPdf(long id, ComplianceReportBuilder reports, PdfPrinter printer, CancellationToken ct)
    {
        var model = await reports.BuildAsync(id, ct);
        if (model is null) return CheckNotFound(id);
        byte[] pdf;
        try
        {
            pdf = await printer.PrintAsync(ComplianceReportHtml.Render(model), ct);
        }
        catch (PdfPrintException e)
        {
            return LayerEndpoints.Problem(503, "report.pdf", $"the PDF could not be printed: {e.Message}",
                $"The HTML report is at {ComplianceJson.ChecksPath}/{id}/report. An administrator installs Chromium (scripts/deps.sh) or sets OB_CHROMIUM.");
        }
        return Results.File(pdf, "application/pdf", $"compliance-check-{id}.pdf");
    }

    private static IResult StillLoading(HttpContext http, BlueprintStatus status)
    {
        http.Response.Headers.RetryAfter = "5";
        return status.State == BlueprintStatus.Failed
            ? LayerEndpoints.Problem(503, "blueprint.failed", $"the blueprint could not be loaded: {status.LastError}",
                "The server retries every few seconds; an administrator checks /health/ready and the server log.")
            : LayerEndpoints.Problem(503, "blueprint.loading", "blueprint still loading",
                "The server is reading the control layers into memory after a start; try again in a few seconds (/health/ready says when it is ready).");
    }

    private static object ToListItem(ComplianceCheckSummary s) => new
    {
        s.Id,
        s.ProjectCode,
        s.Category,
        s.Verdict,
        s.LayerVerdicts,
        s.RedLineAreaM2,
        s.InputFormat,
        s.InputName,
        s.CreatedAt,
        s.CreatedBy,
        Links = new { Self = $"{ComplianceJson.ChecksPath}/{s.Id}", Report = $"{ComplianceJson.ChecksPath}/{s.Id}/report" },
    };

    private static bool Flag(string? text, string name, bool fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new InputException(InputProblem.Error($"query.{name}", $"{name}={text} is not true or false", null, $"Write {name}=true or {name}=false.")),
        };
    }

    private static void CheckLimit(int limit)
    {
        if (limit < 1 || limit > ComplianceCheckStore.MaxListLimit)
            throw new InputException(InputProblem.Error("query.limit", string.Create(CultureInfo.InvariantCulture, $"limit must be between 1 and {ComplianceCheckStore.MaxListLimit}"), null,
                "Ask for fewer checks; page by filtering with projectCode."));
    }

    private static IResult CheckNotFound(long id) =>
        LayerEndpoints.Problem(404, "compliance.unknown", $"there is no compliance check {id}", $"GET {ComplianceJson.ChecksPath} lists the stored checks.");
}
