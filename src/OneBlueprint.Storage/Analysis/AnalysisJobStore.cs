using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Storage.Analysis;

/// <summary>
/// Analysis jobs in ob.analysis_job: created queued (with an audit row), moved to running, progress written as it
/// goes, and finished as failed or cancelled here; a job finishes as done only with its patches
/// (<see cref="PatchStore.SaveRunAsync"/>), so a done job always has its results.
/// </summary>
public sealed class AnalysisJobStore(ObDatabase db)
{
    public const int MaxListLimit = 500;

    private const string Columns = """
        id, kind, series, params::text, state, percent, stage, error, summary::text, created_at, created_by, started_at, finished_at
        """;

    public async Task<AnalysisJob> CreateAsync(string kind, string series, JsonObject parameters, string who, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            INSERT INTO ob.analysis_job (kind, series, params, created_by) VALUES ($1, $2, $3::jsonb, $4) RETURNING {Columns}
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = series });
        cmd.Parameters.Add(new() { Value = parameters.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = who });
        AnalysisJob job;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            job = Read(reader);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(who, null, "analysis.start", "analysis_job", job.Id.ToString(),
            AfterId: job.Id, Details: new JsonObject { ["kind"] = kind, ["series"] = series, ["params"] = parameters.DeepClone() }), ct);
        await tx.CommitAsync(ct);
        return job;
    }

    public async Task<AnalysisJob?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand($"SELECT {Columns} FROM ob.analysis_job WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Newest first, optionally of one kind, series or state.</summary>
    public async Task<IReadOnlyList<AnalysisJob>> ListAsync(string? kind = null, string? series = null, string? state = null,
        int limit = 50, int offset = 0, CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand($"""
            SELECT {Columns} FROM ob.analysis_job
            WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR series = $2) AND ($3::text IS NULL OR state = $3)
            ORDER BY id DESC LIMIT $4 OFFSET $5
            """);
        cmd.Parameters.Add(new() { Value = (object?)kind ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)series ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)state ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = Math.Clamp(limit, 1, MaxListLimit) });
        cmd.Parameters.Add(new() { Value = Math.Max(0, offset) });
        var list = new List<AnalysisJob>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(Read(reader));
        return list;
    }

    /// <summary>The newest done job of <paramref name="series"/> (the one whose patches are current), or null.</summary>
    public async Task<AnalysisJob?> LatestDoneAsync(string series, CancellationToken ct = default) =>
        (await ListAsync(series: series, state: AnalysisJob.Done, limit: 1, ct: ct)).FirstOrDefault();

    /// <summary>queued → running; false when the job is no longer queued (cancelled meanwhile).</summary>
    public Task<bool> StartAsync(long id, CancellationToken ct = default) =>
        UpdateAsync("UPDATE ob.analysis_job SET state = 'running', started_at = now(), stage = 'starting' WHERE id = $1 AND state = 'queued'",
            ct, id);

    /// <summary>Progress of a running job (ignored once it has finished).</summary>
    public Task<bool> ReportAsync(long id, double percent, string stage, CancellationToken ct = default) =>
        UpdateAsync("UPDATE ob.analysis_job SET percent = $2, stage = $3 WHERE id = $1 AND state = 'running'",
            ct, id, Math.Clamp(percent, 0, 100), stage);

    /// <summary>queued or running → failed, with the reason.</summary>
    public Task<bool> FailAsync(long id, string error, CancellationToken ct = default) =>
        UpdateAsync("UPDATE ob.analysis_job SET state = 'failed', error = $2, finished_at = now() WHERE id = $1 AND state IN ('queued', 'running')",
            ct, id, error);

    /// <summary>queued or running → cancelled; false when it had already finished.</summary>
    public async Task<bool> CancelAsync(long id, string who, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            UPDATE ob.analysis_job SET state = 'cancelled', finished_at = now(), stage = 'cancelled by ' || $2
            WHERE id = $1 AND state IN ('queued', 'running')
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = who });
        if (await cmd.ExecuteNonQueryAsync(ct) == 0) return false;
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(who, null, "analysis.cancel", "analysis_job", id.ToString(), BeforeId: id), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Jobs left queued or running by a process that stopped: failed with a reason saying so (their work is lost; a
    /// new job must be started). Called once when the server starts.
    /// </summary>
    public async Task<int> FailInterruptedAsync(CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            UPDATE ob.analysis_job SET state = 'failed', finished_at = now(),
                   error = 'the server stopped before the job finished; nothing was stored — start the analysis again'
            WHERE state IN ('queued', 'running')
            """);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public static InputException NotFound(long id) =>
        new([InputProblem.Error("analysis.not_found", $"there is no analysis job {id}", null,
            "List the jobs with GET /api/v1/analysis/jobs.")], 404);

    private async Task<bool> UpdateAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        foreach (var value in values) cmd.Parameters.Add(new() { Value = value });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    internal static AnalysisJob Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), JsonNode.Parse(r.GetString(3))!.AsObject(), r.GetString(4), r.GetDouble(5),
        r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7),
        r.IsDBNull(8) ? null : JsonNode.Parse(r.GetString(8)),
        r.GetFieldValue<DateTimeOffset>(9), r.GetString(10),
        r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12));
}
