using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Storage.Assessment;

/// <summary>
/// The regional-assessment registry in PostGIS: area versions (draft → published → superseded; never deleted, never
/// changed once published — a change is a new version), their items and documents, the development zones, and the
/// record of projects that reused results. Writing a new area version is <see cref="AssessmentImporter"/>'s job.
/// Every write appends its audit row in the same transaction.
/// </summary>
public sealed class AssessmentStore(ObDatabase db)
{
    public int WorkingSrid => db.WorkingSrid;

    /// <summary>
    /// The published versions (one per unit), plus drafts and/or superseded versions when asked; by unit code, then version.
    /// </summary>
    public async Task<IReadOnlyList<AssessmentAreaRecord>> ListAsync(bool includeDrafts = false, bool includeHistory = false, CancellationToken ct = default)
    {
        var statuses = new List<string> { AssessmentAreaRecord.Published };
        if (includeDrafts) statuses.Add(AssessmentAreaRecord.Draft);
        if (includeHistory) statuses.Add(AssessmentAreaRecord.Superseded);
        await using var conn = await db.OpenConnectionAsync(ct);
        return await AssessmentReads.ReadAreasAsync(conn, null, "a.status = ANY($1)", [statuses.ToArray()], ct);
    }

    /// <summary>The published version of every unit: what coverage and statistics work on.</summary>
    public Task<IReadOnlyList<AssessmentAreaRecord>> ListPublishedAsync(CancellationToken ct = default) => ListAsync(ct: ct);

    /// <summary>One area version, or null.</summary>
    public async Task<AssessmentAreaRecord?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await AssessmentReads.ReadAreasAsync(conn, null, "a.id = $1", [id], ct)).SingleOrDefault();
    }

    /// <summary>Every version of a unit, oldest first (empty for an unknown unit).</summary>
    public async Task<IReadOnlyList<AssessmentAreaRecord>> ListVersionsAsync(string unitCode, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await AssessmentReads.ReadAreasAsync(conn, null, "a.unit_code = $1", [unitCode], ct);
    }

    /// <summary>
    /// Changes whenever the published set changes (a publish supersedes one version and adds another): a cheap way for
    /// a server to know its in-memory registry is stale.
    /// </summary>
    public async Task<string> PublishedStampAsync(CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand(
            "SELECT count(*)::text || ':' || coalesce(sum(id), 0)::text || ':' || coalesce(max(id), 0)::text FROM ob.assessment_area WHERE status = 'published'");
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Publishes a draft (see <see cref="AssessmentPublishing"/> for what refuses it) and returns it as stored.</summary>
    public async Task<AssessmentAreaRecord> PublishAsync(long areaId, string who, bool allowOverlap = false, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await AssessmentPublishing.PublishAsync(conn, tx, areaId, who, allowOverlap, ct);
        await tx.CommitAsync(CancellationToken.None);
        return (await AssessmentReads.ReadAreasAsync(conn, null, "a.id = $1", [areaId], ct)).Single();
    }

    /// <summary>
    /// Adds a document to the result of <paramref name="itemCode"/> in draft area version <paramref name="areaId"/>.
    /// Published versions do not change (409): documents of a published result come with a new version.
    /// </summary>
    public async Task<AssessmentDocumentInfo> AddDocumentAsync(long areaId, string itemCode, DocumentDraft document, string who, CancellationToken ct = default)
    {
        var (mediaType, sha256) = AssessmentDocuments.Inspect(document.FileName, document.Content, document.Where);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long itemId;
        string status, unitCode;
        await using (var find = new NpgsqlCommand("""
            SELECT a.status, a.unit_code, i.id, (SELECT string_agg(item_code, ', ' ORDER BY id) FROM ob.assessment_item WHERE area_id = a.id)
            FROM ob.assessment_area a LEFT JOIN ob.assessment_item i ON i.area_id = a.id AND upper(i.item_code) = upper($2)
            WHERE a.id = $1 FOR UPDATE OF a
            """, conn, tx))
        {
            find.Parameters.Add(new() { Value = areaId });
            find.Parameters.Add(new() { Value = itemCode });
            await using var r = await find.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
                throw new InputException(InputProblem.Error("assessment.unknown", $"there is no assessment area version {areaId}", null,
                    "GET /api/v1/assessment/areas?includeDrafts=true lists the versions."), 404);
            status = r.GetString(0);
            unitCode = r.GetString(1);
            if (r.IsDBNull(2))
                throw new InputException(InputProblem.Error("assessment.item_unknown", $"area version {areaId} has no item '{itemCode}'", null,
                    $"Attach the document to one of its items: {(r.IsDBNull(3) ? "(none)" : r.GetString(3))}."), 404);
            itemId = r.GetInt64(2);
        }
        if (status != AssessmentAreaRecord.Draft)
            throw new InputException(InputProblem.Error("assessment.not_draft", $"area version {areaId} ({unitCode}) is {status}; a published result does not change", null,
                "Import the area again as a new version with the document (items file 'documents'), then publish it."), 409);
        var id = await AssessmentImporter.InsertDocumentAsync(conn, tx, itemId, document.FileName, document.Content, mediaType, sha256, who, ct);
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(who, null, "assessment.document.add", "assessment_area", unitCode, AfterId: id,
            Details: new JsonObject { ["areaId"] = areaId, ["itemCode"] = itemCode, ["fileName"] = document.FileName, ["sha256"] = sha256, ["bytes"] = document.Content.LongLength }), ct);
        await tx.CommitAsync(CancellationToken.None);
        await using var read = new NpgsqlCommand(
            "SELECT id, item_id, file_name, media_type, size_bytes, sha256, uploaded_at, uploaded_by FROM ob.assessment_document WHERE id = $1", conn);
        read.Parameters.Add(new() { Value = id });
        await using var rd = await read.ExecuteReaderAsync(ct);
        await rd.ReadAsync(ct);
        return AssessmentReads.ReadDocument(rd);
    }

    /// <summary>A document with its bytes and its area version's status, or null.</summary>
    public async Task<AssessmentDocument?> GetDocumentAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT d.id, d.item_id, d.file_name, d.media_type, d.size_bytes, d.sha256, d.uploaded_at, d.uploaded_by, d.content, a.id, a.status
            FROM ob.assessment_document d JOIN ob.assessment_item i ON i.id = d.item_id JOIN ob.assessment_area a ON a.id = i.area_id
            WHERE d.id = $1
            """);
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new AssessmentDocument(AssessmentReads.ReadDocument(r), r.GetFieldValue<byte[]>(8), r.GetInt64(9), r.GetString(10));
    }

    // ---------------------------------------------------------------------------------------------------
    // reuse records

    /// <summary>Records that project <paramref name="projectCode"/> reused <paramref name="results"/> (at least one) in a check on <paramref name="checkDate"/>.</summary>
    public async Task<long> RecordUsageAsync(string projectCode, long? checkId, DateOnly checkDate, IReadOnlyList<ReusedResult> results, string who,
        CancellationToken ct = default)
    {
        if (results.Count == 0) throw new ArgumentException("a usage record needs at least one reused result", nameof(results));
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM ob.project WHERE code = $1", conn, tx))
        {
            exists.Parameters.Add(new() { Value = projectCode });
            if (await exists.ExecuteScalarAsync(ct) is null)
                throw new InputException(InputProblem.Error("project.unknown", $"there is no project '{projectCode}'", null,
                    "Create the project first (POST /api/v1/projects), or leave projectCode out."), 404);
        }
        var items = new JsonArray(results.Select(r => (JsonNode)new JsonObject
        {
            ["itemCode"] = r.ItemCode, ["itemId"] = r.ItemId, ["areaId"] = r.AreaId, ["unitCode"] = r.UnitCode, ["version"] = r.Version, ["mode"] = r.Mode,
        }).ToArray());
        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO ob.assessment_usage (project_code, check_id, check_date, item_codes, items, created_by)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id
            """, conn, tx))
        {
            insert.Parameters.Add(new() { Value = projectCode });
            insert.Parameters.Add(new() { Value = (object?)checkId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new() { Value = checkDate, NpgsqlDbType = NpgsqlDbType.Date });
            insert.Parameters.Add(new() { Value = results.Select(r => r.ItemCode).Distinct().ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = items.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = who });
            id = (long)(await insert.ExecuteScalarAsync(ct))!;
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(who, null, "assessment.reuse", "project", projectCode, AfterId: id,
            Details: new JsonObject { ["checkId"] = checkId, ["items"] = items.DeepClone() }), ct);
        await tx.CommitAsync(CancellationToken.None);
        return id;
    }

    /// <summary>Projects that reused results, per calendar month (UTC) of the record, oldest month first.</summary>
    public async Task<IReadOnlyList<MonthlyReuse>> ReuseByMonthAsync(CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT extract(year FROM used_at AT TIME ZONE 'UTC')::int, extract(month FROM used_at AT TIME ZONE 'UTC')::int,
                   count(DISTINCT project_code)::int, count(*)::int
            FROM ob.assessment_usage GROUP BY 1, 2 ORDER BY 1, 2
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<MonthlyReuse>();
        while (await r.ReadAsync(ct)) list.Add(new MonthlyReuse(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)));
        return list;
    }

    // ---------------------------------------------------------------------------------------------------
    // development zones

    /// <summary>The current development zones, by code.</summary>
    public async Task<IReadOnlyList<DevelopmentZoneRecord>> ListZonesAsync(CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand(
            "SELECT id, code, name, kind, ST_AsEWKB(geom) FROM ob.development_zone WHERE replaced_at IS NULL ORDER BY code");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DevelopmentZoneRecord>();
        while (await r.ReadAsync(ct))
            list.Add(new DevelopmentZoneRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                GeometryCodec.FromWkb(r.GetFieldValue<byte[]>(4))));
        return list;
    }

    /// <summary>
    /// Replaces the development zones with the features of <paramref name="zones"/> (one zone per feature, code and name
    /// from the attributes named), transformed to the working SRID, in one transaction; the previous set is kept as history.
    /// </summary>
    public async Task<int> ReplaceZonesAsync(FeatureSet zones, string codeField, string nameField, string? kindField, string who,
        int? sourceSridOverride = null, CancellationToken ct = default)
    {
        var srid = await db.GetWorkingSridAsync(ct);
        var source = sourceSridOverride ?? zones.Srid ?? throw new InputException(InputProblem.Error("crs.unknown",
            $"the coordinate system of '{zones.Name ?? "the zones"}' is not declared", null, "Say which EPSG code the coordinates are in (--crs EPSG:N)."), 422);
        var problems = new List<InputProblem>();
        var rows = new List<(string Code, string Name, string? Kind, Geometry Geometry)>();
        for (var i = 0; i < zones.Features.Count; i++)
        {
            var f = zones.Features[i];
            var where = f.Source ?? new SourceLocation(zones.Name, Record: i + 1);
            var code = Convert.ToString(f.Attributes.GetValueOrDefault(codeField), CultureInfo.InvariantCulture)?.Trim();
            var name = Convert.ToString(f.Attributes.GetValueOrDefault(nameField), CultureInfo.InvariantCulture)?.Trim();
            if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(name))
                problems.Add(InputProblem.Error("zone.fields", $"feature {i + 1} has no {codeField} or {nameField}", where, $"Give each zone its code ({codeField}) and name ({nameField})."));
            else if (f.Geometry is not (Polygon or MultiPolygon) || f.Geometry.IsEmpty)
                problems.Add(InputProblem.Error("zone.not_areal", $"zone {code} is not a polygon", where, "A development zone is an area: give it as a polygon."));
            else if (GeometryValidator.Check(f.Geometry, where).Where(p => p.Severity == ProblemSeverity.Error).ToList() is { Count: > 0 } invalid)
                problems.AddRange(invalid.Select(p => p with { What = $"zone {code}: {p.What}" }));
            else if (rows.Any(r => r.Code == code))
                problems.Add(InputProblem.Error("zone.twice", $"zone {code} appears twice", where, "Give each zone once (merge its parts into one multipolygon)."));
            else
            {
                var g = source == srid ? f.Geometry : Reprojector.Transform(f.Geometry, source, srid);
                rows.Add((code, name, kindField is null ? null : Convert.ToString(f.Attributes.GetValueOrDefault(kindField), CultureInfo.InvariantCulture), g));
            }
        }
        if (problems.Count > 0) throw new InputException(problems, 422);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var replace = new NpgsqlCommand("UPDATE ob.development_zone SET replaced_at = now() WHERE replaced_at IS NULL", conn, tx))
            await replace.ExecuteNonQueryAsync(ct);
        foreach (var (code, name, kind, geometry) in rows)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO ob.development_zone (code, name, kind, geom, loaded_by) VALUES ($1, $2, $3, ST_GeomFromEWKB($4), $5)", conn, tx);
            insert.Parameters.Add(new() { Value = code });
            insert.Parameters.Add(new() { Value = name });
            insert.Parameters.Add(new() { Value = (object?)kind ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(GeometryCodec.Parameter(geometry, srid));
            insert.Parameters.Add(new() { Value = who });
            await insert.ExecuteNonQueryAsync(ct);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(who, null, "assessment.zones.load", "development_zone", null,
            Details: new JsonObject { ["zones"] = rows.Count, ["source"] = zones.Name }), ct);
        await tx.CommitAsync(CancellationToken.None);
        return rows.Count;
    }

    /// <summary>The items of a usage record, as stored (for tests and the compliance report).</summary>
    public static IReadOnlyList<ReusedResult> ParseUsageItems(string json) =>
        JsonSerializer.Deserialize<List<ReusedResult>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
}
