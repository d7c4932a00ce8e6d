using System.Globalization;
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
/// Stores an assessment area as its unit's next version (a draft, or published at once), all or nothing.
/// <para>
/// Strategy, as for layer imports: everything that can fail on the input is checked before the database is touched —
/// the fields, the source CRS, every polygon (valid, areal; located problems in the file's own coordinates), the items
/// (known mode, dates in order, not expired unless history is being recorded on purpose, no item twice) and every
/// document (PDF/PNG/JPEG by magic bytes, size). The polygons are transformed to the working SRID and merged into one
/// area. Then one transaction takes the unit's advisory lock (so concurrent imports of a unit get consecutive
/// versions), writes the version, its items and documents and the audit row, and, when asked, publishes it
/// (<see cref="AssessmentPublishing"/>: refused when it would overlap another unit's result for the same item).
/// Any failure rolls everything back.
/// </para>
/// </summary>
public sealed class AssessmentImporter(ObDatabase db)
{
    public async Task<AssessmentImportResult> ImportAsync(AssessmentAreaDraft draft, AssessmentImportRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Who);
        var workingSrid = await db.GetWorkingSridAsync(ct);
        var at = new SourceLocation(request.SourceFile ?? draft.Features.Name);
        var unitCode = (draft.UnitCode ?? "").Trim();
        var name = (draft.Name ?? "").Trim();
        CheckFields(unitCode, name, at);
        var sourceSrid = ResolveSourceSrid(draft.Features, request, workingSrid, at);
        var geometry = PrepareGeometry(draft.Features, sourceSrid, workingSrid, at);
        CheckItems(draft.Items, request, at);
        var documents = draft.Items.Select(i => (i.Documents ?? []).Select(d => (Draft: d, Check: AssessmentDocuments.Inspect(d.FileName, d.Content, d.Where ?? i.Where))).ToList()).ToList();

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockUnitAsync(conn, tx, unitCode, ct);

        long areaId;
        int version;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO ob.assessment_area (unit_code, version, name, scope, geom, area_m2, source_file, checksum_sha256, source_srid, note, created_by)
            SELECT $1, coalesce(max(version), 0) + 1, $2, $3, ST_GeomFromEWKB($4), $5, $6, $7, $8, $9, $10
            FROM ob.assessment_area WHERE unit_code = $1
            RETURNING id, version
            """, conn, tx))
        {
            insert.Parameters.Add(new() { Value = unitCode });
            insert.Parameters.Add(new() { Value = name });
            insert.Parameters.Add(Text(string.IsNullOrWhiteSpace(draft.Scope) ? null : draft.Scope.Trim()));
            insert.Parameters.Add(GeometryCodec.Parameter(geometry, workingSrid));
            insert.Parameters.Add(new() { Value = geometry.Area });
            insert.Parameters.Add(Text(request.SourceFile));
            insert.Parameters.Add(Text(request.ChecksumSha256?.ToLowerInvariant()));
            insert.Parameters.Add(new() { Value = sourceSrid });
            insert.Parameters.Add(Text(request.Note));
            insert.Parameters.Add(new() { Value = request.Who });
            await using var r = await insert.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            areaId = r.GetInt64(0);
            version = r.GetInt32(1);
        }

        for (var i = 0; i < draft.Items.Count; i++)
        {
            var itemId = await InsertItemAsync(conn, tx, areaId, draft.Items[i], ct);
            foreach (var (doc, check) in documents[i])
                await InsertDocumentAsync(conn, tx, itemId, doc.FileName, doc.Content, check.MediaType, check.Sha256, request.Who, ct);
        }

        await AuditLog.AppendAsync(conn, tx, new AuditEntry(request.Who, null, "assessment.import", "assessment_area", unitCode, AfterId: areaId,
            Details: new JsonObject
            {
                ["version"] = version,
                ["name"] = name,
                ["areaM2"] = Math.Round(geometry.Area, 3),
                ["items"] = new JsonArray(draft.Items.Select(i => (JsonNode)i.ItemCode).ToArray()),
                ["documents"] = documents.Sum(d => d.Count),
                ["sourceFile"] = request.SourceFile,
                ["checksumSha256"] = request.ChecksumSha256,
                ["sourceSrid"] = sourceSrid,
                ["allowExpired"] = request.AllowExpired,
            }), ct);

        if (request.Publish) await AssessmentPublishing.PublishAsync(conn, tx, areaId, request.Who, request.AllowOverlap, ct);
        ct.ThrowIfCancellationRequested();
        await tx.CommitAsync(CancellationToken.None);

        var stored = (await AssessmentReads.ReadAreasAsync(conn, null, "a.id = $1", [areaId], ct)).Single();
        return new AssessmentImportResult(stored, sourceSrid, draft.Features.Warnings.ToList());
    }

    /// <summary>Serialises writers of one unit (new versions, publishing) without locking anything else.</summary>
    internal static async Task LockUnitAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string unitCode, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('ob.assessment_area:' || $1))", conn, tx);
        cmd.Parameters.Add(new() { Value = unitCode });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static async Task<long> InsertItemAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long areaId, AssessmentItemDraft item, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO ob.assessment_item (area_id, item_code, item_name, valid_from, valid_to, mode, matched_approvals, conclusions, conditions, issuing_body, approved_on)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = areaId });
        cmd.Parameters.Add(new() { Value = item.ItemCode.Trim() });
        cmd.Parameters.Add(new() { Value = item.ItemName.Trim() });
        cmd.Parameters.Add(new() { Value = item.ValidFrom, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new() { Value = (object?)item.ValidTo ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        cmd.Parameters.Add(new() { Value = item.Mode });
        cmd.Parameters.Add(new() { Value = item.MatchedApprovals.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(Text(item.Conclusions));
        cmd.Parameters.Add(Text(item.Conditions));
        cmd.Parameters.Add(Text(item.IssuingBody));
        cmd.Parameters.Add(new() { Value = (object?)item.ApprovedOn ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    internal static async Task<long> InsertDocumentAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long itemId, string fileName, byte[] content,
        string mediaType, string sha256, string who, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO ob.assessment_document (item_id, file_name, media_type, size_bytes, sha256, content, uploaded_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = itemId });
        cmd.Parameters.Add(new() { Value = Path.GetFileName(fileName.Trim()) });
        cmd.Parameters.Add(new() { Value = mediaType });
        cmd.Parameters.Add(new() { Value = content.LongLength });
        cmd.Parameters.Add(new() { Value = sha256 });
        cmd.Parameters.Add(new() { Value = content, NpgsqlDbType = NpgsqlDbType.Bytea });
        cmd.Parameters.Add(new() { Value = who });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // ---------------------------------------------------------------------------------------------------
    // checks before any write

    private static void CheckFields(string unitCode, string name, SourceLocation at)
    {
        var problems = new List<InputProblem>();
        if (unitCode.Length == 0 || unitCode.Length > 100 || unitCode.Any(char.IsWhiteSpace))
            problems.Add(InputProblem.Error("assessment.unit_code", unitCode.Length == 0
                    ? "the assessment area has no unit code (区域评估单元编码, QYPGDYBM)"
                    : $"unit code '{unitCode}' is longer than 100 characters or contains spaces", at,
                "Give the unit code the province assigned, e.g. --unit-code 410100QY001 (unitCode= over HTTP)."));
        if (name.Length == 0)
            problems.Add(InputProblem.Error("assessment.name", "the assessment area has no name (区域名称, QYPGQYMC)", at,
                "Give its name, e.g. --name 郑州经开区第一片区 (name= over HTTP)."));
        if (problems.Count > 0) throw new InputException(problems, 422);
    }

    private static int ResolveSourceSrid(FeatureSet set, AssessmentImportRequest request, int workingSrid, SourceLocation at)
    {
        var srid = request.SourceSridOverride ?? set.Srid
            ?? throw new InputException(InputProblem.Error("crs.unknown", $"the coordinate system of {at.File ?? "the input"} is not declared", at,
                "Say which EPSG code the coordinates are in: --crs EPSG:N on the CLI, crs=EPSG:N over HTTP; or add a .prj / crs member to the file."), 422);
        try
        {
            Reprojector.EnsureSupported(srid, workingSrid);
        }
        catch (CrsException e)
        {
            throw new InputException(InputProblem.Error("crs.unsupported",
                $"cannot transform {at.File ?? "the input"} from EPSG:{srid} to the working EPSG:{workingSrid}: {e.Message}", at,
                "Check the declared CRS (--crs / crs=) or configure the datum shift it needs."), 422);
        }
        return srid;
    }

    /// <summary>All polygons of the input as one valid Polygon/MultiPolygon in the working SRID (touching or overlapping parts merged).</summary>
    private static Geometry PrepareGeometry(FeatureSet set, int sourceSrid, int workingSrid, SourceLocation at)
    {
        if (set.Features.Count == 0 || set.Features.All(f => f.Geometry is null || f.Geometry.IsEmpty))
            throw new InputException(InputProblem.Error("assessment.empty", $"{at.File ?? "the input"} has no polygon for the assessment area", at,
                "Give the area's boundary (范围坐标) as a polygon: 界址点 TXT, GeoJSON, Shapefile or GeoPackage."), 422);
        var problems = new List<InputProblem>();
        var parts = new List<Geometry>();
        for (var i = 0; i < set.Features.Count; i++)
        {
            var f = set.Features[i];
            var where = f.Source ?? new SourceLocation(at.File, Record: i + 1);
            var label = f.Id is null ? $"feature {i + 1}" : $"feature {i + 1} (id {f.Id})";
            if (f.Geometry is not (Polygon or MultiPolygon) || f.Geometry.IsEmpty)
            {
                problems.Add(InputProblem.Error("assessment.not_areal",
                    $"{label} is {(f.Geometry is null || f.Geometry.IsEmpty ? "empty" : "a " + f.Geometry.GeometryType)}, not a polygon", where,
                    "An assessment area is an area: give its boundary as closed rings (Polygon/MultiPolygon, TXT 图形属性=面)."));
                continue;
            }
            var invalid = GeometryValidator.Check(f.Geometry, where).Where(p => p.Severity == ProblemSeverity.Error).ToList();
            if (invalid.Count > 0)
            {
                problems.AddRange(invalid.Select(p => p with { What = $"{label}: {p.What}" }));
                continue;
            }
            try
            {
                parts.Add(sourceSrid == workingSrid ? f.Geometry : Reprojector.Transform(f.Geometry, sourceSrid, workingSrid));
            }
            catch (CrsException e)
            {
                problems.Add(InputProblem.Error("crs.transform", $"{label} cannot be transformed to EPSG:{workingSrid}: {e.Message}", where,
                    $"Check that its coordinates really are in EPSG:{sourceSrid}."));
            }
        }
        if (problems.Count > 0) throw new InputException(problems, 422);

        var factory = GeometryKit.Factory(workingSrid);
        var polygons = parts.SelectMany(g => Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN)).OfType<Polygon>().ToArray();
        Geometry merged = polygons.Length == 1 ? factory.CreatePolygon(polygons[0].Shell, polygons[0].Holes) : factory.CreateMultiPolygon(polygons);
        if (!merged.IsValid) merged = merged.Union();
        merged = merged switch
        {
            Polygon or MultiPolygon => merged,
            _ => factory.CreateMultiPolygon(NetTopologySuite.Geometries.Utilities.PolygonExtracter.GetPolygons(merged).Cast<Polygon>().ToArray()),
        };
        merged.SRID = workingSrid;
        if (merged.IsEmpty || merged.Area <= 0)
            throw new InputException(InputProblem.Error("assessment.empty", $"the polygons of {at.File ?? "the input"} enclose no area", at,
                "Check the boundary coordinates."), 422);
        return merged;
    }

    private static void CheckItems(IReadOnlyList<AssessmentItemDraft> items, AssessmentImportRequest request, SourceLocation at)
    {
        if (items is null || items.Count == 0)
            throw new InputException(InputProblem.Error("assessment.no_items", "the assessment area has no items (评估事项)", at,
                "List its results: item, validity (validFrom/validTo), mode (告知承诺/免于评估/简化) — see the items file format in the README."), 422);
        var problems = new List<InputProblem>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var where = item.Where ?? at;
            var label = $"item {i + 1} ({item.ItemName} {item.ItemCode})";
            if (string.IsNullOrWhiteSpace(item.ItemCode) || string.IsNullOrWhiteSpace(item.ItemName))
                problems.Add(InputProblem.Error("assessment.item", $"item {i + 1} has no code or name", where, "Name the item (QYPGSXBM / QYPGSXMC)."));
            else if (seen.TryGetValue(item.ItemCode.Trim(), out var first))
                problems.Add(InputProblem.Error("assessment.item_twice", $"{label} is listed twice (items {first} and {i + 1})", where,
                    "Give each item once per area; a newer result of the same area is a new version of the area."));
            else seen[item.ItemCode.Trim()] = i + 1;
            if (!AssessmentModes.IsKnown(item.Mode))
                problems.Add(InputProblem.Error("assessment.mode", $"{label}: mode '{item.Mode}' is not a simplified-approval mode", where,
                    "Use 告知承诺 (notify-commit), 免于评估 (exempt) or 简化 (simplified)."));
            if (item.ValidTo is { } end && end < item.ValidFrom)
                problems.Add(InputProblem.Error("assessment.dates",
                    string.Create(CultureInfo.InvariantCulture, $"{label}: the validity ends on {end:yyyy-MM-dd}, before it starts on {item.ValidFrom:yyyy-MM-dd}"),
                    where, "Swap the dates: validFrom (成果生效日期, QYPGCGSXRQ) comes first, validTo (成果截止日期, QYPGCGJZRQ) after it."));
            else if (item.ValidTo is { } last && last < request.Today && !request.AllowExpired)
                problems.Add(InputProblem.Error("assessment.expired",
                    string.Create(CultureInfo.InvariantCulture, $"{label}: the result expired on {last:yyyy-MM-dd} (today is {request.Today:yyyy-MM-dd}); an expired result can never be reused"),
                    where, "Check validTo (成果截止日期). To record a historic result anyway, import with --allow-expired (allowExpired=true); it will never be offered for reuse."));
            if (item.ApprovedOn is { } approved && item.ValidTo is { } until && approved > until && until >= item.ValidFrom)
                problems.Add(InputProblem.Error("assessment.dates",
                    string.Create(CultureInfo.InvariantCulture, $"{label}: approved on {approved:yyyy-MM-dd}, after its validity ended on {until:yyyy-MM-dd}"),
                    where, "Check approvedOn (批复日期) and validTo."));
        }
        if (problems.Count > 0) throw new InputException(problems, 422);
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
