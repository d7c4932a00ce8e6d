using Npgsql;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Storage.Assessment;

/// <summary>Reads area versions with their items and document metadata: one query per level, whatever the number of areas.</summary>
internal static class AssessmentReads
{
    public static async Task<IReadOnlyList<AssessmentAreaRecord>> ReadAreasAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string where,
        object[] args, CancellationToken ct)
    {
        var rows = new List<(long Id, Func<IReadOnlyList<AssessmentItemRecord>, AssessmentAreaRecord> Make)>();
        await using (var cmd = new NpgsqlCommand($"""
            SELECT a.id, a.unit_code, a.version, a.name, a.scope, ST_AsEWKB(a.geom), a.area_m2, a.status, a.source_file, a.checksum_sha256,
                   a.source_srid, a.note, a.created_at, a.created_by, a.published_at, a.published_by, a.superseded_at
            FROM ob.assessment_area a WHERE {where} ORDER BY a.unit_code, a.version
            """, conn, tx))
        {
            foreach (var a in args) cmd.Parameters.Add(a as NpgsqlParameter ?? new NpgsqlParameter { Value = a });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                var unit = r.GetString(1);
                var version = r.GetInt32(2);
                var name = r.GetString(3);
                var scope = r.IsDBNull(4) ? null : r.GetString(4);
                var geometry = GeometryCodec.FromWkb(r.GetFieldValue<byte[]>(5));
                var area = r.GetDouble(6);
                var status = r.GetString(7);
                var sourceFile = r.IsDBNull(8) ? null : r.GetString(8);
                var checksum = r.IsDBNull(9) ? null : r.GetString(9);
                int? sourceSrid = r.IsDBNull(10) ? null : r.GetInt32(10);
                var note = r.IsDBNull(11) ? null : r.GetString(11);
                var createdAt = r.GetFieldValue<DateTimeOffset>(12);
                var createdBy = r.GetString(13);
                DateTimeOffset? publishedAt = r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14);
                var publishedBy = r.IsDBNull(15) ? null : r.GetString(15);
                DateTimeOffset? supersededAt = r.IsDBNull(16) ? null : r.GetFieldValue<DateTimeOffset>(16);
                rows.Add((id, items => new AssessmentAreaRecord(id, unit, version, name, scope, geometry, area, status, sourceFile, checksum,
                    sourceSrid, note, createdAt, createdBy, publishedAt, publishedBy, supersededAt, items)));
            }
        }
        if (rows.Count == 0) return [];

        var ids = rows.Select(r => r.Id).ToArray();
        var documents = new Dictionary<long, List<AssessmentDocumentInfo>>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT d.id, d.item_id, d.file_name, d.media_type, d.size_bytes, d.sha256, d.uploaded_at, d.uploaded_by
            FROM ob.assessment_document d JOIN ob.assessment_item i ON i.id = d.item_id
            WHERE i.area_id = ANY($1) ORDER BY d.id
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = ids });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var info = ReadDocument(r);
                (documents.TryGetValue(info.ItemId, out var list) ? list : documents[info.ItemId] = []).Add(info);
            }
        }

        var items = new Dictionary<long, List<AssessmentItemRecord>>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT id, area_id, item_code, item_name, valid_from, valid_to, mode, matched_approvals, conclusions, conditions, issuing_body, approved_on
            FROM ob.assessment_item WHERE area_id = ANY($1) ORDER BY id
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = ids });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                var item = new AssessmentItemRecord(id, r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
                    r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5), r.GetString(6), r.GetFieldValue<string[]>(7),
                    r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10),
                    r.IsDBNull(11) ? null : r.GetFieldValue<DateOnly>(11), documents.GetValueOrDefault(id) ?? []);
                (items.TryGetValue(item.AreaId, out var list) ? list : items[item.AreaId] = []).Add(item);
            }
        }
        return rows.Select(r => r.Make(items.GetValueOrDefault(r.Id) ?? [])).ToList();
    }

    public static AssessmentDocumentInfo ReadDocument(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), r.GetString(7));
}
