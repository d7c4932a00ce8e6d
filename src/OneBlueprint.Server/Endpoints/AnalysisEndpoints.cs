using System.Text.Json.Nodes;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Server.Access;
using OneBlueprint.Server.Analysis;
using OneBlueprint.Server.Http;
using OneBlueprint.Storage.Analysis;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Endpoints;

/// <summary>
/// Discrepancy analysis (差异图斑分析), topology checks and the conflict ledger (冲突台账): start analyses as background
/// jobs, follow and cancel them, read their patches (GeoJSON with bbox and filters, or Shapefile, GeoPackage and an
/// Excel-readable CSV ledger), their statistics per district, and move ledger entries through their workflow.
/// Starting and ledger changes need a planner or admin key; reading needs any key.
/// </summary>
public static class AnalysisEndpoints
{
    public sealed record TopologyRequest(string? Layer, int? Version, bool ThreeLines = false, string? NameField = null,
        double? MaxGapWidthM = null, double MinAreaM2 = 1); // 1 m²: below that, overlaps between separately digitised lines are noise (counted, not listed)

    public sealed record DiffRequest(string LayerA = "TDGH", int? VersionA = null, string FieldA = "TDGHDL", string LayerB = "CSGH",
        int? VersionB = null, string FieldB = "YDDM", string Classification = "default", double? MinAreaM2 = null, double? MinWidthM = null);

    public sealed record LedgerRequest(string? Status, string? Xtfs, string? Tzyy, string? Department, string? Opinion);

    public static IEndpointRouteBuilder MapAnalysis(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/analysis").WithTags("Analysis").RequireAuthorization(Roles.AnyKeyPolicy);

        group.MapPost("/diff", StartDiff).RequireAuthorization(Roles.PlannerPolicy)
            .WithName("StartDiscrepancyAnalysis")
            .WithSummary("Start a two-plan discrepancy analysis: {\"layerA\": \"TDGH\", \"fieldA\": \"TDGHDL\", \"layerB\": \"CSGH\", \"fieldB\": \"YDDM\", \"classification\": \"default\"|\"as-is\", \"minAreaM2\": 1, \"minWidthM\": 0.1}. 202 with the job.");
        group.MapPost("/topology", StartTopology).RequireAuthorization(Roles.PlannerPolicy)
            .WithName("StartTopologyCheck")
            .WithSummary("Start a topology check: {\"layer\": \"YJJBNTBHTB\"} (gaps, overlaps, invalid features) or {\"threeLines\": true} (生态保护红线/永久基本农田/城镇开发边界 against each other). 202 with the job.");
        group.MapGet("/jobs", ListJobs).WithName("ListAnalysisJobs").WithSummary("Jobs, newest first; kind=, series=, state= filter.");
        group.MapGet("/jobs/{id:long}", GetJob).WithName("GetAnalysisJob").WithSummary("A job with its state, percent, stage and, when done, its summary.");
        group.MapPost("/jobs/{id:long}/cancel", CancelJob).RequireAuthorization(Roles.PlannerPolicy)
            .WithName("CancelAnalysisJob").WithSummary("Cancel a queued or running job; nothing of it is stored. 409 when it has finished.");
        group.MapGet("/jobs/{id:long}/patches", GetPatches).WithName("GetAnalysisPatches")
            .WithSummary("Patches of a done job: GeoJSON (crs=, bbox= in bbox-crs=, kind=, xzqdm=, status=, match=, conflicts=true, limit/offset) or format=csv|xlsx|shp|gpkg for the whole filtered set.");
        group.MapGet("/jobs/{id:long}/statistics", GetStatistics).WithName("GetAnalysisStatistics")
            .WithSummary("Per district and kind: count, hectares and share of the district's area; ledger counts by status.");
        group.MapGet("/jobs/{id:long}/ledger/{dkbh}", GetLedgerEntry).WithName("GetLedgerEntry")
            .WithSummary("A patch's ledger entry with its whole history.");
        group.MapPatch("/jobs/{id:long}/ledger/{dkbh}", UpdateLedgerEntry).RequireAuthorization(Roles.PlannerPolicy)
            .WithName("UpdateLedgerEntry")
            .WithSummary("Move a patch through 待处理 → 协调中 → 已协调/保留差异 with xtfs (按土规/按城规/其他), tzyy, department and opinion.");
        return app;
    }

    private static async Task<IResult> StartDiff(DiffRequest request, HttpContext http, AnalysisJobRunner runner, LayerStore store, CancellationToken ct)
    {
        if (request.Classification is not ("default" or "as-is"))
            throw Bad("analysis.classification", $"classification '{request.Classification}' is not known",
                "Use \"default\" (土规 TDGHDL and 城规 GB 50137 codes to 建设/非建设) or \"as-is\" (values compared as they are).");
        foreach (var (name, value) in new[] { ("minAreaM2", request.MinAreaM2), ("minWidthM", request.MinWidthM) })
            if (value is { } v && !(v >= 0 && double.IsFinite(v))) throw Bad("analysis.sliver", $"{name}={v} is not 0 or more", "Give the sliver threshold in m² or m; 0 turns it off.");
        var parameters = new JsonObject();
        foreach (var (side, code, version, field) in new[] { ("A", request.LayerA, request.VersionA, request.FieldA), ("B", request.LayerB, request.VersionB, request.FieldB) })
        {
            if (await store.GetLayerAsync(code, ct) is null)
                throw new InputException(InputProblem.Error("layer.unknown", $"there is no layer '{code}' (layer{side})", null, "GET /api/v1/layers lists the layer codes."), 404);
            var v = await AnalysisLayers.VersionAsync(store, code, version, ct);
            if (string.IsNullOrWhiteSpace(field)) throw Bad("analysis.field", $"field{side} is empty", "Name the attribute holding the plan's land-use code, e.g. TDGHDL or YDDM.");
            parameters["layer" + side] = code;
            parameters["version" + side] = v.Version; // pinned: the job compares what was current when it was started
            parameters["field" + side] = field;
        }
        parameters["classification"] = request.Classification;
        if (request.MinAreaM2 is { } area) parameters["minAreaM2"] = area;
        if (request.MinWidthM is { } width) parameters["minWidthM"] = width;
        var job = await runner.StartAsync(AnalysisJob.DiffKind, DiffWork.Series(parameters), parameters, http.CallerName(), ct);
        return Results.Accepted($"/api/v1/analysis/jobs/{job.Id}", JobView(job));
    }

    private static async Task<IResult> StartTopology(TopologyRequest request, HttpContext http, AnalysisJobRunner runner, LayerStore store,
        CancellationToken ct)
    {
        var parameters = new JsonObject();
        if (request.ThreeLines)
        {
            if (request.Layer is not null) throw Bad("analysis.topology_both", "give either layer or threeLines, not both", "A 三线 check uses the current versions of STBHHX, YJJBNTBHTB and CZKFBJ.");
            parameters["threeLines"] = true;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.Layer)) throw Bad("analysis.topology_layer", "no layer to check", "Send {\"layer\": \"YJJBNTBHTB\"} or {\"threeLines\": true}.");
            if (await store.GetLayerAsync(request.Layer, ct) is null) throw new InputException(InputProblem.Error("layer.unknown", $"there is no layer '{request.Layer}'", null, "GET /api/v1/layers lists the layer codes."), 404);
            await AnalysisLayers.VersionAsync(store, request.Layer, request.Version, ct);
            parameters["layer"] = request.Layer;
            if (request.Version is int v) parameters["version"] = v;
        }
        if (request.MaxGapWidthM is { } w && !(w > 0 && double.IsFinite(w))) throw Bad("analysis.gap_width", $"maxGapWidthM={w} is not a positive width", "Give the widest hole (metres) still taken as a gap, e.g. 100.");
        if (!(request.MinAreaM2 >= 0 && double.IsFinite(request.MinAreaM2))) throw Bad("analysis.min_area", $"minAreaM2={request.MinAreaM2} is negative", "Give 0 or more square metres.");
        if (request.MaxGapWidthM is { } width) parameters["maxGapWidthM"] = width;
        parameters["minAreaM2"] = request.MinAreaM2;
        if (request.NameField is not null) parameters["nameField"] = request.NameField;
        var job = await runner.StartAsync(AnalysisJob.TopologyKind, TopologyWork.Series(parameters), parameters, http.CallerName(), ct);
        return Results.Accepted($"/api/v1/analysis/jobs/{job.Id}", JobView(job));
    }

    private static async Task<IResult> ListJobs(AnalysisJobStore jobs, CancellationToken ct, string? kind = null, string? series = null,
        string? state = null, int limit = 50, int offset = 0) =>
        Results.Ok((await jobs.ListAsync(kind, series, state, limit, offset, ct)).Select(JobView));

    private static async Task<IResult> GetJob(long id, AnalysisJobStore jobs, CancellationToken ct) =>
        Results.Ok(JobView(await jobs.GetAsync(id, ct) ?? throw AnalysisJobStore.NotFound(id)));

    private static async Task<IResult> CancelJob(long id, HttpContext http, AnalysisJobRunner runner, AnalysisJobStore jobs, CancellationToken ct)
    {
        var job = await jobs.GetAsync(id, ct) ?? throw AnalysisJobStore.NotFound(id);
        if (!await runner.CancelAsync(id, http.CallerName(), ct))
            throw new InputException(InputProblem.Error("analysis.finished", $"job {id} has already finished ({job.State})", null,
                "Only queued or running jobs can be cancelled."), 409);
        return Results.Ok(JobView((await jobs.GetAsync(id, ct))!));
    }

    private static async Task<IResult> GetPatches(long id, HttpRequest request, AnalysisJobStore jobs, PatchStore patches, LayerStore store,
        CancellationToken ct, string? bbox = null, string? kind = null, string? xzqdm = null, string? status = null, string? match = null,
        bool conflicts = false, int limit = 1000, int offset = 0, string format = "geojson")
    {
        var job = await DoneJobAsync(id, jobs, ct);
        if (limit < 1 || limit > PatchStore.MaxListLimit) throw Bad("query.limit", $"limit must be between 1 and {PatchStore.MaxListLimit}", "Page with limit and offset.");
        if (offset < 0) throw Bad("query.offset", "offset must not be negative", "Use offset=0 for the first page.");
        if (status is not null && !LedgerWorkflow.Statuses.Contains(status)) throw Bad("query.status", $"status={status} is not a ledger status", $"Use one of {string.Join(", ", LedgerWorkflow.Statuses)}.");
        if (match is not null && match is not ("new" or "unchanged" or "changed")) throw Bad("query.match", $"match={match} is not new, unchanged or changed", "Use one of new, unchanged, changed.");
        var query = new PatchQuery(id)
        {
            Bbox = QueryCrs.ParseBbox(bbox, QueryCrs.Parse(request, "bbox-crs") ?? CrsCatalog.Cgcs2000, store.WorkingSrid),
            Kind = kind, Xzqdm = xzqdm, Status = status, Match = match, ConflictsOnly = conflicts,
        };
        var outputSrid = QueryCrs.Parse(request, "crs") ?? CrsCatalog.Cgcs2000;
        var name = $"patches-{job.Id}";
        switch (format)
        {
            case "geojson":
            {
                var (page, matched) = await patches.ListAsync(query with { Limit = limit, Offset = offset }, ct);
                var set = new FeatureSet { Srid = store.WorkingSrid, Name = name };
                set.Features.AddRange(page.Select(PatchFeatures.ToFeature));
                request.HttpContext.Response.Headers["OB-Total-Count"] = matched.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new GeoJsonResult(set, outputSrid);
            }
            case "csv":
            {
                var all = await AllAsync(patches, query with { WithGeometry = false }, ct);
                return new CsvTable(PatchFeatures.CsvHeader, all.Select(PatchFeatures.ToCsvRow), $"冲突台账-{job.Id}.csv");
            }
            case "xlsx":
            {
                var all = await AllAsync(patches, query with { WithGeometry = false }, ct);
                return new XlsxTable("冲突台账", PatchFeatures.CsvHeader, all.Select(PatchFeatures.ToCsvRow), $"冲突台账-{job.Id}.xlsx");
            }
            case "shp" or "gpkg":
            {
                var all = await AllAsync(patches, query, ct);
                var set = new FeatureSet { Srid = store.WorkingSrid, Name = name };
                set.Features.AddRange(all.Select(PatchFeatures.ToFeature));
                return new FeatureDownload(set, format, name, outputSrid);
            }
            default:
                throw FeatureDownload.UnknownFormat(format, ["geojson", "csv", "xlsx", .. FeatureDownload.Formats]);
        }
    }

    private static async Task<List<StoredPatch>> AllAsync(PatchStore patches, PatchQuery query, CancellationToken ct)
    {
        var all = new List<StoredPatch>();
        for (var offset = 0; ; offset += PatchStore.MaxListLimit)
        {
            var (page, _) = await patches.ListAsync(query with { Limit = PatchStore.MaxListLimit, Offset = offset }, ct);
            all.AddRange(page);
            if (page.Count < PatchStore.MaxListLimit) return all;
        }
    }

    private static async Task<IResult> GetStatistics(long id, AnalysisJobStore jobs, PatchStore patches, LedgerStore ledger, CancellationToken ct)
    {
        var job = await DoneJobAsync(id, jobs, ct);
        var rows = await patches.StatisticsAsync(id, ct);
        return Results.Ok(new
        {
            job = job.Id,
            series = job.Series,
            byDistrictAndKind = rows,
            byKind = rows.GroupBy(r => r.Kind).Select(g => new { kind = g.Key, count = g.Sum(r => r.Count), areaHa = g.Sum(r => r.AreaHa) }),
            total = new { count = rows.Sum(r => r.Count), areaHa = rows.Sum(r => r.AreaHa) },
            ledger = await ledger.StatusCountsAsync(job.Series, ct),
        });
    }

    private static async Task<IResult> GetLedgerEntry(long id, string dkbh, AnalysisJobStore jobs, LedgerStore ledger, CancellationToken ct)
    {
        var job = await jobs.GetAsync(id, ct) ?? throw AnalysisJobStore.NotFound(id);
        return Results.Ok(await ledger.GetAsync(job.Series, dkbh, ct)
            ?? throw new InputException(InputProblem.Error("ledger.not_found", $"patch {dkbh} is not in the ledger of '{job.Series}'", null,
                $"List the patches at /api/v1/analysis/jobs/{id}/patches."), 404));
    }

    private static async Task<IResult> UpdateLedgerEntry(long id, string dkbh, LedgerRequest request, HttpContext http, AnalysisJobStore jobs,
        LedgerStore ledger, CancellationToken ct)
    {
        var job = await jobs.GetAsync(id, ct) ?? throw AnalysisJobStore.NotFound(id);
        var entry = await ledger.UpdateAsync(job.Series, dkbh,
            new LedgerUpdate(request.Status, request.Xtfs, request.Tzyy, request.Department, request.Opinion), http.CallerName(), ct);
        return Results.Ok(entry);
    }

    private static async Task<AnalysisJob> DoneJobAsync(long id, AnalysisJobStore jobs, CancellationToken ct)
    {
        var job = await jobs.GetAsync(id, ct) ?? throw AnalysisJobStore.NotFound(id);
        if (job.State != AnalysisJob.Done)
            throw new InputException(InputProblem.Error("analysis.not_done", $"job {id} is {job.State}{(job.State == AnalysisJob.Running ? $" ({job.Percent:0}%)" : "")}; it has no patches",
                null, job.State is AnalysisJob.Queued or AnalysisJob.Running ? $"Poll /api/v1/analysis/jobs/{id} until its state is done." : "Start the analysis again."), 409);
        return job;
    }

    public static object JobView(AnalysisJob j) => new
    {
        j.Id, j.Kind, j.Series, parameters = j.Params, j.State, percent = Math.Round(j.Percent, 1), j.Stage, j.Error, j.Summary,
        j.CreatedAt, j.CreatedBy, j.StartedAt, j.FinishedAt,
        links = new
        {
            self = $"/api/v1/analysis/jobs/{j.Id}",
            cancel = j.IsFinished ? null : $"/api/v1/analysis/jobs/{j.Id}/cancel",
            patches = j.State == AnalysisJob.Done ? $"/api/v1/analysis/jobs/{j.Id}/patches" : null,
            statistics = j.State == AnalysisJob.Done ? $"/api/v1/analysis/jobs/{j.Id}/statistics" : null,
        },
    };

    private static InputException Bad(string code, string what, string how) => new(InputProblem.Error(code, what, null, how));
}
