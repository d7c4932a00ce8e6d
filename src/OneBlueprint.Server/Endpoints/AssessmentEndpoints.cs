using System.Text;
using Microsoft.Net.Http.Headers;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Server.Access;
using OneBlueprint.Server.Assessment;
using OneBlueprint.Server.Compliance;
using OneBlueprint.Server.Http;
using OneBlueprint.Storage.Assessment;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Server.Endpoints;

/// <summary>
/// Regional assessment (区域评估): the registry of assessed areas and their results, coverage of a red line, the point
/// look-up for enterprises, documents and statistics.
/// <para>
/// Who may do what: reading published results needs no key — enterprises look up what their parcel may reuse without
/// logging in; drafts exist only for planners and administrators (to anyone else a draft, and its documents, do not
/// exist: 404). Importing areas, uploading documents and publishing need a planner or admin key; replacing the
/// development zones needs admin. Recording a project's reuse (coverage with projectCode) needs a key of any role.
/// </para>
/// </summary>
public static class AssessmentEndpoints
{
    public static IEndpointRouteBuilder MapAssessment(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(AssessmentJson.BasePath).WithTags("Assessment");

        group.MapGet("/items", () => Results.Ok(AssessmentRegistryCache.Catalogue))
            .WithName("ListAssessmentItems").WithSummary("The assessment item catalogue (codes, names, the approvals each stands in for).");

        group.MapGet("/areas", ListAreas)
            .WithName("ListAssessmentAreas")
            .WithSummary("Published assessment areas as GeoJSON (EPSG:4490 unless crs=), each with its items, validity on date= (default today) and " +
                         "documents. history=true adds superseded versions; includeDrafts=true (planner or admin key) adds drafts.");

        group.MapGet("/areas/{id:long}", GetArea)
            .WithName("GetAssessmentArea").WithSummary("One area version (no geometry): items, validity on date=, documents, status. Drafts: planner/admin only.");

        group.MapGet("/units/{unitCode}/versions", ListVersions)
            .WithName("ListAssessmentUnitVersions").WithSummary("Every published or superseded version of a unit (its history), oldest first; drafts too for planners.");

        group.MapPost("/areas", CreateArea)
            .RequireAuthorization(Roles.PlannerPolicy)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ServerLimits.MaxUploadBytes))
            .WithName("CreateAssessmentArea")
            .WithSummary("Import an area as its unit's next version (201). multipart/form-data: file (polygon: GeoJSON, 界址点 TXT, GeoPackage, zipped " +
                         "shapefile) and items (JSON text or file, see the README); unitCode, name, scope as fields or query. Query: publish=true, " +
                         "allowOverlap=true, allowExpired=true, crs=EPSG:N. Planner or admin key.");

        group.MapPost("/areas/{id:long}/publish", Publish)
            .RequireAuthorization(Roles.PlannerPolicy)
            .WithName("PublishAssessmentArea")
            .WithSummary("Publish a draft: it supersedes the unit's published version. Refused (422) when another unit's result for the same item " +
                         "covers the same ground in an overlapping period, unless allowOverlap=true. Planner or admin key.");

        group.MapPost("/areas/{id:long}/items/{item}/documents", UploadDocument)
            .RequireAuthorization(Roles.PlannerPolicy)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(AssessmentDocuments.MaxBytes * 2))
            .WithName("UploadAssessmentDocument")
            .WithSummary("Attach a result document (PDF, PNG or JPEG — judged by its bytes; at most 20 MB, OB_ASSESSMENT_MAX_DOCUMENT_MB) to an item " +
                         "of a draft area version (201). Raw body with ?filename=, or multipart 'file'. Planner or admin key.");

        group.MapGet("/documents/{id:long}", Download)
            .WithName("GetAssessmentDocument").WithSummary("Download a result document (published results: anyone; drafts: planner/admin). ETag = its SHA-256.");

        group.MapPost("/coverage", Coverage)
            .DisableAntiforgery()
            .WithName("AssessmentCoverage")
            .WithSummary("Which regional-assessment results a red line may reuse: per item fully / partly / not covered by valid results (share, " +
                         "uncovered part), by which areas and documents, and the verdict (告知承诺 or own assessment, with the reason). Body: GeoJSON " +
                         "(EPSG:4490 unless crs=) or 界址点 TXT, raw or as multipart 'file'. Query: date=YYYY-MM-DD, includeParts=false, " +
                         "projectCode= (records the reuse; needs a key).");

        group.MapGet("/at", At)
            .WithName("AssessmentAtPoint")
            .WithSummary("The published areas holding a clicked point (lon=, lat= in EPSG:4490) and each of their results: valid on date=, documents, conditions.");

        group.MapGet("/statistics", Statistics)
            .WithName("AssessmentStatistics")
            .WithSummary("Assessed area by district and item (km²), share of the 城镇开发边界 and of the development zones covered, projects that reused " +
                         "results per month, results expiring within days= (default 90) of date=.");

        group.MapPost("/zones", ReplaceZones)
            .RequireAuthorization(Roles.AdminPolicy)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ServerLimits.MaxUploadBytes))
            .WithName("ReplaceDevelopmentZones")
            .WithSummary("Replace the development zones (开发区) statistics measure against with the features of a file; codeField= (default KFQDM), " +
                         "nameField= (KFQMC), kindField=, crs=. Admin key.");
        return app;
    }

    private static bool IsPlanner(HttpContext http) => http.User.IsInRole(Roles.Planner) || http.User.IsInRole(Roles.Admin);

    private static async Task<IResult> ListAreas(HttpContext http, ObDatabase db, CancellationToken ct,
        bool includeDrafts = false, bool history = false, string? date = null)
    {
        if (includeDrafts && !IsPlanner(http))
            return http.User.Identity?.IsAuthenticated == true ? Results.Forbid() : Results.Challenge();
        var day = AssessmentDates.ParseOrToday(date);
        var output = QueryCrs.Parse(http.Request, "crs") ?? CrsCatalog.Cgcs2000;
        var areas = await new AssessmentStore(db).ListAsync(includeDrafts, history, ct);
        var json = AssessmentJson.Utf8(w => AssessmentJson.WriteAreaCollection(w, areas, day, db.WorkingSrid, output));
        if (output != CrsCatalog.Cgcs2000) http.Response.Headers["Content-Crs"] = $"<http://www.opengis.net/def/crs/EPSG/0/{output}>";
        return Results.Bytes(json, "application/geo+json; charset=utf-8");
    }

    private static async Task<IResult> GetArea(long id, HttpContext http, ObDatabase db, CancellationToken ct, string? date = null)
    {
        var day = AssessmentDates.ParseOrToday(date);
        var area = await new AssessmentStore(db).GetAsync(id, ct);
        if (area is null || (!area.WasPublished && !IsPlanner(http))) return AreaNotFound(id);
        return new JsonBytesResult(AssessmentJson.Utf8(w => AssessmentJson.WriteArea(w, area, day)));
    }

    private static async Task<IResult> ListVersions(string unitCode, HttpContext http, ObDatabase db, CancellationToken ct, string? date = null)
    {
        var day = AssessmentDates.ParseOrToday(date);
        var planner = IsPlanner(http);
        var versions = (await new AssessmentStore(db).ListVersionsAsync(unitCode, ct)).Where(a => planner || a.WasPublished).ToList();
        if (versions.Count == 0)
            return LayerEndpoints.Problem(404, "assessment.unit_unknown", $"there is no published assessment unit '{unitCode}'",
                "GET /api/v1/assessment/areas lists the published areas and their unit codes.");
        return new JsonBytesResult(AssessmentJson.Utf8(w =>
        {
            w.WriteStartArray();
            foreach (var a in versions) AssessmentJson.WriteArea(w, a, day);
            w.WriteEndArray();
        }));
    }

    private static async Task<IResult> CreateArea(HttpContext http, ObDatabase db, CancellationToken ct,
        bool publish = false, bool allowOverlap = false, bool allowExpired = false)
    {
        if (!http.Request.HasFormContentType)
            throw new InputException(InputProblem.Error("assessment.form", "an assessment area is sent as multipart/form-data", null,
                "Send the polygon as 'file' and the items as 'items' (JSON), e.g. curl -F file=@area.geojson -F items=@items.json " +
                "'…/api/v1/assessment/areas?unitCode=410100QY001&name=…'."), 415);
        var upload = await UploadReader.ReadAsync(http.Request, ct);
        var form = await http.Request.ReadFormAsync(ct);
        string? Field(string name) => http.Request.Query[name].FirstOrDefault() ?? (form.TryGetValue(name, out var v) ? v.FirstOrDefault() : null);

        byte[] itemsJson;
        string itemsName;
        if (form.Files.GetFile("items") is { } itemsFile)
        {
            using var buffer = new MemoryStream();
            await itemsFile.CopyToAsync(buffer, ct);
            (itemsJson, itemsName) = (buffer.ToArray(), Path.GetFileName(itemsFile.FileName));
        }
        else if (Field("items") is { Length: > 0 } text) (itemsJson, itemsName) = (Encoding.UTF8.GetBytes(text), "items");
        else
            throw new InputException(InputProblem.Error("assessment.no_items", "the request has no 'items'", null,
                "Send the area's item results as the form field 'items' (JSON array; see the README, Regional assessment)."), 422);
        var items = AssessmentItemsFile.Parse(itemsJson, itemsName, AssessmentRegistryCache.Catalogue, documentsBase: null);

        var draft = new AssessmentAreaDraft(Field("unitCode") ?? "", Field("name") ?? "", Field("scope"), upload.Features, items);
        var result = await new AssessmentImporter(db).ImportAsync(draft, new AssessmentImportRequest(http.CallerName(), AssessmentDates.Today(),
            upload.FileName, upload.ChecksumSha256, QueryCrs.Parse(http.Request, "crs"), publish, allowOverlap, allowExpired, Field("note")), ct);
        var json = AssessmentJson.Utf8(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("area");
            AssessmentJson.WriteArea(w, result.Area, AssessmentDates.Today());
            w.WriteStartArray("warnings");
            foreach (var p in result.Warnings) w.WriteStringValue(p.ToString());
            w.WriteEndArray();
            w.WriteEndObject();
        });
        return new JsonBytesResult(json, StatusCodes.Status201Created, $"{AssessmentJson.BasePath}/areas/{result.Area.Id}");
    }

    private static async Task<IResult> Publish(long id, HttpContext http, ObDatabase db, CancellationToken ct, bool allowOverlap = false)
    {
        var area = await new AssessmentStore(db).PublishAsync(id, http.CallerName(), allowOverlap, ct);
        return new JsonBytesResult(AssessmentJson.Utf8(w => AssessmentJson.WriteArea(w, area, AssessmentDates.Today())));
    }

    private static async Task<IResult> UploadDocument(long id, string item, HttpContext http, ObDatabase db, CancellationToken ct)
    {
        var document = await DocumentUpload.ReadAsync(http.Request, ct);
        var info = await new AssessmentStore(db).AddDocumentAsync(id, item, document, http.CallerName(), ct);
        return Results.Created(AssessmentJson.DocumentHref(info.Id), new
        {
            info.Id, info.ItemId, info.FileName, info.MediaType, info.SizeBytes, info.Sha256, href = AssessmentJson.DocumentHref(info.Id),
        });
    }

    private static async Task<IResult> Download(long id, HttpContext http, ObDatabase db, CancellationToken ct)
    {
        var document = await new AssessmentStore(db).GetDocumentAsync(id, ct);
        if (document is null || (document.AreaStatus == AssessmentAreaRecord.Draft && !IsPlanner(http)))
            return LayerEndpoints.Problem(404, "assessment.document_unknown", $"there is no published document {id}",
                "Documents are listed with their results: GET /api/v1/assessment/areas or POST /api/v1/assessment/coverage.");
        var etag = new EntityTagHeaderValue($"\"{document.Info.Sha256}\"");
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(document.Info.FileName); // filename*=UTF-8'' for Chinese names, plus an ASCII fallback
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers["X-Content-SHA256"] = document.Info.Sha256;
        return Results.File(document.Content, document.Info.MediaType, entityTag: etag);
    }

    private static async Task<IResult> Coverage(HttpContext http, ObDatabase db, CancellationToken ct)
    {
        var input = await RedLineInputReader.ReadAsync(http.Request, QueryCrs.Parse(http.Request, "crs"), ct);
        string? Field(string name) => http.Request.Query[name].FirstOrDefault() ?? input.Fields.GetValueOrDefault(name);
        var projectCode = Field("projectCode");
        if (!string.IsNullOrWhiteSpace(projectCode) && http.User.Identity?.IsAuthenticated != true)
            return Results.Challenge(); // recording a project's reuse needs an answerable caller
        var date = AssessmentDates.ParseOrToday(Field("date"));
        var includeParts = Field("includeParts") is not { } flag || !flag.Equals("false", StringComparison.OrdinalIgnoreCase);
        var answer = await new AssessmentService(db).CoverAsync(input, date, includeParts, projectCode, null, http.CallerName(), ct);
        return new JsonBytesResult(AssessmentJson.Utf8(w => AssessmentJson.WriteCoverage(w, answer, includeParts)));
    }

    private static async Task<IResult> At(ObDatabase db, CancellationToken ct, double? lon = null, double? lat = null, string? date = null)
    {
        if (lon is null || lat is null)
            throw new InputException(InputProblem.Error("query.point", "lon= and lat= are required", null,
                "Give the clicked point in CGCS2000 degrees, e.g. /api/v1/assessment/at?lon=113.78&lat=34.72."));
        var day = AssessmentDates.ParseOrToday(date);
        var matches = await new AssessmentService(db).AtAsync(lon.Value, lat.Value, day, ct);
        return new JsonBytesResult(AssessmentJson.Utf8(w => AssessmentJson.WritePointLookup(w, lon.Value, lat.Value, day, matches)));
    }

    private static async Task<IResult> Statistics(ObDatabase db, CancellationToken ct, string? date = null, int days = 90)
    {
        if (days is < 0 or > 3660)
            throw new InputException(InputProblem.Error("query.days", $"days={days} is out of range", null, "Give days between 0 and 3660 (default 90)."));
        var (statistics, reuse) = await new AssessmentService(db).StatisticsAsync(AssessmentDates.ParseOrToday(date), days, ct);
        return new JsonBytesResult(AssessmentJson.Utf8(w => AssessmentJson.WriteStatistics(w, statistics, reuse)));
    }

    private static async Task<IResult> ReplaceZones(HttpContext http, ObDatabase db, CancellationToken ct,
        string codeField = "KFQDM", string nameField = "KFQMC", string? kindField = null)
    {
        var upload = await UploadReader.ReadAsync(http.Request, ct);
        var count = await new AssessmentStore(db).ReplaceZonesAsync(upload.Features, codeField, nameField, kindField, http.CallerName(),
            QueryCrs.Parse(http.Request, "crs"), ct);
        return Results.Ok(new { zones = count, source = upload.FileName });
    }

    private static IResult AreaNotFound(long id) =>
        LayerEndpoints.Problem(404, "assessment.unknown", $"there is no published assessment area version {id}",
            "GET /api/v1/assessment/areas lists the published areas.");
}
