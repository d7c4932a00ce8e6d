using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Storage.Compliance;

/// <summary>
/// Stored compliance checks (ob.compliance_check) and their parts per layer
/// (ob.compliance_part). A check is written once, with its audit row, in one transaction, and never changed.
/// The id is reserved first (<see cref="ReserveIdAsync"/>) so the stored answer can carry its own id and links.
/// </summary>
public sealed class ComplianceCheckStore
{
    public const int MaxListLimit = 1000;

    private readonly ObDatabase _db;

    public ComplianceCheckStore(ObDatabase db) => _db = db;

    /// <summary>The next check id; an id reserved but never saved leaves a gap, as any sequence may.</summary>
    public async Task<long> ReserveIdAsync(CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand("SELECT nextval(pg_get_serial_sequence('ob.compliance_check', 'id'))");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Stores a check under a reserved <paramref name="id"/>, its parts and its audit row, all or nothing.
    /// Unknown project → <see cref="InputException"/> 404; red line not in the working SRID → 422.
    /// </summary>
    public async Task SaveAsync(long id, NewComplianceCheck check, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        var srid = await _db.GetWorkingSridAsync(ct);
        if (check.RedLine.SRID != srid)
            throw new InputException(InputProblem.Error("compliance.redline_srid",
                $"the red line to store is in EPSG:{check.RedLine.SRID}, not the working EPSG:{srid}", null,
                $"Transform it to EPSG:{srid} before storing."), 422);

        await using var conn = await _db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (check.ProjectCode is { } project)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM ob.project WHERE code = $1", conn, tx);
            exists.Parameters.Add(new() { Value = project });
            if (await exists.ExecuteScalarAsync(ct) is null) throw ProjectNotFound(project);
        }

        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO ob.compliance_check (id, project_code, category, input_format, input_name, input_srid, input, redline,
                redline_area_m2, layer_versions, layer_verdicts, rules_name, verdict, result, created_at, created_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, ST_GeomFromEWKB($8), $9, $10::jsonb, $11::jsonb, $12, $13, $14::json, $15, $16)
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(Text(check.ProjectCode));
            cmd.Parameters.Add(Text(check.Category));
            cmd.Parameters.Add(new() { Value = check.InputFormat });
            cmd.Parameters.Add(Text(check.InputName));
            cmd.Parameters.Add(new() { Value = (object?)check.InputSrid ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            cmd.Parameters.Add(new() { Value = check.Input, NpgsqlDbType = NpgsqlDbType.Bytea });
            cmd.Parameters.Add(GeometryCodec.Parameter(check.RedLine));
            cmd.Parameters.Add(new() { Value = check.RedLine.Area });
            cmd.Parameters.Add(new() { Value = VersionsJson(check.LayerVersions).ToJsonString(), NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = JsonSerializer.Serialize(check.LayerVerdicts), NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = check.RulesName });
            cmd.Parameters.Add(new() { Value = check.Verdict });
            cmd.Parameters.Add(new() { Value = check.ResultJson, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = check.CreatedAt.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            cmd.Parameters.Add(new() { Value = check.CreatedBy });
            try
            {
                await cmd.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation && check.ProjectCode is not null)
            {
                throw ProjectNotFound(check.ProjectCode); // the project went away since the check above
            }
        }

        foreach (var part in check.Parts)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO ob.compliance_part (check_id, layer_code, kind, verdict, rule_id, area_m2, judged, geom)
                VALUES ($1, $2, $3, $4, $5, $6, $7, ST_GeomFromEWKB($8))
                """, conn, tx);
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = part.LayerCode });
            cmd.Parameters.Add(new() { Value = part.Kind });
            cmd.Parameters.Add(new() { Value = part.Verdict });
            cmd.Parameters.Add(new() { Value = part.RuleId });
            cmd.Parameters.Add(new() { Value = part.AreaM2 });
            cmd.Parameters.Add(new() { Value = part.Judged });
            cmd.Parameters.Add(GeometryCodec.Parameter(part.Geometry, srid));
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await AuditLog.AppendAsync(conn, tx, new AuditEntry(check.CreatedBy, check.CreatedByRole, "compliance.check", "compliance_check",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), AfterId: id,
            Details: new JsonObject
            {
                ["projectCode"] = check.ProjectCode,
                ["category"] = check.Category,
                ["verdict"] = check.Verdict,
                ["layers"] = new JsonObject(check.LayerVerdicts.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                ["areaSquareMetres"] = Math.Round(check.RedLine.Area, 3),
                ["input"] = check.InputName,
            }), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A stored check, or null when there is none with that id.</summary>
    public async Task<StoredComplianceCheck?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand("""
            SELECT id, project_code, category, input_format, input_name, input_srid, input, ST_AsEWKB(redline), redline_area_m2,
                   layer_versions::text, layer_verdicts::text, rules_name, verdict, result::text, created_at, created_by
            FROM ob.compliance_check WHERE id = $1
            """);
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new StoredComplianceCheck(
            Id: r.GetInt64(0),
            ProjectCode: NullableText(r, 1),
            Category: NullableText(r, 2),
            InputFormat: r.GetString(3),
            InputName: NullableText(r, 4),
            InputSrid: r.IsDBNull(5) ? null : r.GetInt32(5),
            Input: r.GetFieldValue<byte[]>(6),
            RedLine: GeometryCodec.FromWkb(r.GetFieldValue<byte[]>(7)),
            RedLineAreaM2: r.GetDouble(8),
            LayerVersions: ParseVersions(r.GetString(9)),
            LayerVerdicts: ParseVerdicts(r.GetString(10)),
            RulesName: r.GetString(11),
            Verdict: r.GetString(12),
            ResultJson: r.GetString(13),
            CreatedAt: r.GetFieldValue<DateTimeOffset>(14),
            CreatedBy: r.GetString(15));
    }

    /// <summary>Only the stored answer of a check (the JSON as given), or null.</summary>
    public async Task<string?> GetResultJsonAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand("SELECT result::text FROM ob.compliance_check WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>The parts of a check in the order stored (empty for an unknown id).</summary>
    public async Task<IReadOnlyList<CompliancePart>> GetPartsAsync(long checkId, CancellationToken ct = default)
    {
        await using var cmd = _db.DataSource.CreateCommand("""
            SELECT layer_code, kind, verdict, rule_id, area_m2, judged, ST_AsEWKB(geom) FROM ob.compliance_part WHERE check_id = $1 ORDER BY id
            """);
        cmd.Parameters.Add(new() { Value = checkId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CompliancePart>();
        while (await r.ReadAsync(ct))
            list.Add(new CompliancePart(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4), r.GetBoolean(5),
                GeometryCodec.FromWkb(r.GetFieldValue<byte[]>(6))));
        return list;
    }

    /// <summary>The newest checks first, at most <paramref name="limit"/> (1–<see cref="MaxListLimit"/>).</summary>
    public Task<IReadOnlyList<ComplianceCheckSummary>> ListAsync(int limit = 100, CancellationToken ct = default) =>
        ListAsync(null, limit, ct);

    /// <summary>A project's checks, newest first (empty for a project without checks or an unknown code).</summary>
    public Task<IReadOnlyList<ComplianceCheckSummary>> ListByProjectAsync(string projectCode, int limit = 100, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(projectCode);
        return ListAsync(projectCode, limit, ct);
    }

    private async Task<IReadOnlyList<ComplianceCheckSummary>> ListAsync(string? projectCode, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxListLimit);
        await using var cmd = _db.DataSource.CreateCommand("""
            SELECT id, project_code, category, verdict, layer_verdicts::text, redline_area_m2, input_format, input_name, created_at, created_by
            FROM ob.compliance_check
            WHERE ($1::text IS NULL OR project_code = $1)
            ORDER BY id DESC LIMIT $2
            """);
        cmd.Parameters.Add(Text(projectCode));
        cmd.Parameters.Add(new() { Value = (long)limit });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ComplianceCheckSummary>();
        while (await r.ReadAsync(ct))
            list.Add(new ComplianceCheckSummary(r.GetInt64(0), NullableText(r, 1), NullableText(r, 2), r.GetString(3),
                ParseVerdicts(r.GetString(4)), r.GetDouble(5), r.GetString(6), NullableText(r, 7), r.GetFieldValue<DateTimeOffset>(8), r.GetString(9)));
        return list;
    }

    private static JsonObject VersionsJson(IEnumerable<CheckedLayerVersion> versions)
    {
        var json = new JsonObject();
        foreach (var v in versions) json[v.Code] = new JsonObject { ["id"] = v.VersionId, ["version"] = v.Version };
        return json;
    }

    private static IReadOnlyList<CheckedLayerVersion> ParseVersions(string json) =>
        (JsonNode.Parse(json) as JsonObject ?? [])
        .Select(kv => new CheckedLayerVersion(kv.Key, kv.Value!["id"]!.GetValue<long>(), kv.Value!["version"]!.GetValue<int>()))
        .ToList();

    private static IReadOnlyDictionary<string, string> ParseVerdicts(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? new Dictionary<string, string>();

    private static string? NullableText(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static InputException ProjectNotFound(string code) =>
        new(InputProblem.Error("project.unknown", $"there is no project '{code}'", null,
            "Create the project first (POST /api/v1/projects), or leave projectCode out to run an unattached check."), 404);
}
