using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Storage.Analysis;

/// <summary>
/// The conflict ledger (ob.ledger_entry, ob.ledger_event): read an entry with its history, and move it through the
/// workflow (<see cref="LedgerWorkflow"/>). Every change is an event and an audit row, written with it.
/// </summary>
public sealed class LedgerStore(ObDatabase db)
{
    public async Task<LedgerEntry?> GetAsync(string series, string dkbh, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await GetAsync(conn, null, series, dkbh, ct);
    }

    /// <summary>
    /// Applies <paramref name="update"/> to the entry; 404 when there is none, 409 when the status move is not allowed
    /// from where it is, 422 for values outside the lists or a move missing what it needs.
    /// </summary>
    public async Task<LedgerEntry> UpdateAsync(string series, string dkbh, LedgerUpdate update, string who, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update is { Status: null, Xtfs: null, Tzyy: null, Opinion: null })
            throw Problem("ledger.empty_update", "the update changes nothing", "Give status, xtfs, tzyy and/or opinion.", 422);
        if (update.Status is { } s && !LedgerWorkflow.Statuses.Contains(s))
            throw Problem("ledger.bad_status", $"'{s}' is not a ledger status", $"Use one of {string.Join(", ", LedgerWorkflow.Statuses)}.", 422);
        if (update.Xtfs is { } m && !LedgerWorkflow.Methods.Contains(m))
            throw Problem("ledger.bad_xtfs", $"'{m}' is not a 协调方式 (xtfs)", $"Use one of {string.Join(", ", LedgerWorkflow.Methods)}.", 422);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM ob.ledger_entry WHERE series = $1 AND dkbh = $2 FOR UPDATE", conn, tx))
        {
            lockRow.Parameters.Add(new() { Value = series });
            lockRow.Parameters.Add(new() { Value = dkbh });
            if (await lockRow.ExecuteScalarAsync(ct) is null)
                throw Problem("ledger.not_found", $"patch {dkbh} is not in the ledger of '{series}'",
                    "List the patches of the series' latest run to see their numbers.", 404);
        }
        var entry = (await GetAsync(conn, tx, series, dkbh, ct))!;
        var status = update.Status ?? entry.Status;
        var xtfs = update.Xtfs ?? entry.Xtfs;
        var tzyy = update.Tzyy ?? entry.Tzyy;
        if (update.Status is { } to && to != entry.Status)
        {
            if (!LedgerWorkflow.CanMove(entry.Status, to))
                throw Problem("ledger.bad_move", $"patch {dkbh} is {entry.Status}; it cannot move to {to}",
                    $"From {entry.Status} it can move to {string.Join(" or ", LedgerWorkflow.AllowedFrom(entry.Status))}.", 409);
            if (to == LedgerWorkflow.Resolved && xtfs is null)
                throw Problem("ledger.needs_xtfs", $"marking patch {dkbh} 已协调 needs the 协调方式 (xtfs)",
                    $"Send xtfs with the status: one of {string.Join(", ", LedgerWorkflow.Methods)}.", 422);
            if (to == LedgerWorkflow.Kept && string.IsNullOrWhiteSpace(tzyy) && string.IsNullOrWhiteSpace(update.Opinion))
                throw Problem("ledger.needs_reason", $"keeping the difference of patch {dkbh} (保留差异) needs a reason",
                    "Send tzyy (调整缘由) or an opinion saying why the difference stays.", 422);
        }

        await using (var cmd = new NpgsqlCommand("""
            UPDATE ob.ledger_entry SET status = $3, xtfs = $4, tzyy = $5, updated_at = now(), updated_by = $6
            WHERE series = $1 AND dkbh = $2
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = series });
            cmd.Parameters.Add(new() { Value = dkbh });
            cmd.Parameters.Add(new() { Value = status });
            cmd.Parameters.Add(new() { Value = (object?)xtfs ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = (object?)tzyy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = who });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using (var ev = new NpgsqlCommand("""
            INSERT INTO ob.ledger_event (series, dkbh, by_whom, event, status_from, status_to, xtfs, tzyy, department, opinion)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, conn, tx))
        {
            ev.Parameters.Add(new() { Value = series });
            ev.Parameters.Add(new() { Value = dkbh });
            ev.Parameters.Add(new() { Value = who });
            ev.Parameters.Add(new() { Value = status != entry.Status ? "status" : "opinion" });
            ev.Parameters.Add(new() { Value = entry.Status });
            ev.Parameters.Add(new() { Value = status });
            foreach (var v in new[] { update.Xtfs, update.Tzyy, update.Department, update.Opinion })
                ev.Parameters.Add(new() { Value = (object?)v ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await ev.ExecuteNonQueryAsync(ct);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(who, null, "ledger.update", "ledger_entry", $"{series}/{dkbh}",
            Details: new JsonObject
            {
                ["from"] = entry.Status, ["to"] = status, ["xtfs"] = update.Xtfs, ["tzyy"] = update.Tzyy,
                ["department"] = update.Department, ["opinion"] = update.Opinion,
            }), ct);
        var updated = (await GetAsync(conn, tx, series, dkbh, ct))!;
        await tx.CommitAsync(ct);
        return updated;
    }

    /// <summary>Ledger counts of a series by status, present entries only (not vanished).</summary>
    public async Task<IReadOnlyDictionary<string, long>> StatusCountsAsync(string series, CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT status, count(*) FROM ob.ledger_entry WHERE series = $1 AND vanished_job_id IS NULL GROUP BY status
            """);
        cmd.Parameters.Add(new() { Value = series });
        var counts = LedgerWorkflow.Statuses.ToDictionary(s => s, _ => 0L);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) counts[r.GetString(0)] = r.GetInt64(1);
        return counts;
    }

    private static async Task<LedgerEntry?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string series, string dkbh, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT status, xtfs, tzyy, first_job_id, last_job_id, vanished_job_id, updated_at, updated_by
            FROM ob.ledger_entry WHERE series = $1 AND dkbh = $2
            """, conn, tx);
        cmd.Parameters.Add(new() { Value = series });
        cmd.Parameters.Add(new() { Value = dkbh });
        string status; string? xtfs, tzyy; long first, last; long? vanished; DateTimeOffset at; string by;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return null;
            (status, xtfs, tzyy) = (r.GetString(0), Text(r, 1), Text(r, 2));
            (first, last, vanished) = (r.GetInt64(3), r.GetInt64(4), r.IsDBNull(5) ? null : r.GetInt64(5));
            (at, by) = (r.GetFieldValue<DateTimeOffset>(6), r.GetString(7));
        }
        await using var events = new NpgsqlCommand("""
            SELECT id, at, by_whom, event, status_from, status_to, xtfs, tzyy, department, opinion, job_id
            FROM ob.ledger_event WHERE series = $1 AND dkbh = $2 ORDER BY id
            """, conn, tx);
        events.Parameters.Add(new() { Value = series });
        events.Parameters.Add(new() { Value = dkbh });
        var list = new List<LedgerEvent>();
        await using (var r = await events.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                list.Add(new LedgerEvent(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), Text(r, 4),
                    Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8), Text(r, 9), r.IsDBNull(10) ? null : r.GetInt64(10)));
        return new LedgerEntry(series, dkbh, status, xtfs, tzyy, first, last, vanished, at, by, list);
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static InputException Problem(string code, string what, string how, int status) =>
        new([InputProblem.Error(code, what, null, how)], status);
}
