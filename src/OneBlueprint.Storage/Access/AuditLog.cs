using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Storage.Database;

namespace OneBlueprint.Storage.Access;

/// <summary>
/// The append-only ob.audit_log. Every write in OneBlueprint appends its row on the same connection and
/// inside the same transaction as the change itself, so a change without its audit row (or the reverse)
/// cannot exist. The table refuses UPDATE, DELETE and TRUNCATE (trigger in migration 0001).
/// </summary>
public static class AuditLog
{
    /// <summary>Appends <paramref name="entry"/>; returns the new row's id.</summary>
    public static async Task<long> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, AuditEntry entry,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Action);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Entity);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO ob.audit_log (actor, role, action, entity, entity_id, before_id, after_id, details)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING id
            """, connection, transaction);
        cmd.Parameters.Add(new() { Value = entry.Actor });
        cmd.Parameters.Add(new() { Value = (object?)entry.Role ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = entry.Action });
        cmd.Parameters.Add(new() { Value = entry.Entity });
        cmd.Parameters.Add(new() { Value = (object?)entry.EntityId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)entry.BeforeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new() { Value = (object?)entry.AfterId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new() { Value = (object?)entry.Details?.ToJsonString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The newest rows first, optionally only those about one entity (and id).</summary>
    public static async Task<IReadOnlyList<AuditRecord>> ListAsync(ObDatabase db, int limit = 100, string? entity = null,
        string? entityId = null, CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT id, at, actor, role, action, entity, entity_id, before_id, after_id, details::text
            FROM ob.audit_log
            WHERE ($2::text IS NULL OR entity = $2) AND ($3::text IS NULL OR entity_id = $3)
            ORDER BY id DESC LIMIT $1
            """);
        cmd.Parameters.Add(new() { Value = (long)limit });
        cmd.Parameters.Add(new() { Value = (object?)entity ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)entityId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<AuditRecord>();
        while (await r.ReadAsync(ct))
            list.Add(new AuditRecord(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), new AuditEntry(
                Actor: r.GetString(2),
                Role: r.IsDBNull(3) ? null : r.GetString(3),
                Action: r.GetString(4),
                Entity: r.GetString(5),
                EntityId: r.IsDBNull(6) ? null : r.GetString(6),
                BeforeId: r.IsDBNull(7) ? null : r.GetInt64(7),
                AfterId: r.IsDBNull(8) ? null : r.GetInt64(8),
                Details: r.IsDBNull(9) ? null : JsonNode.Parse(r.GetString(9)) as JsonObject)));
        return list;
    }
}
