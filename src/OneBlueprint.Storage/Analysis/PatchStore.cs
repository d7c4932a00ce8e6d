using System.Globalization;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Storage.Access;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Storage.Analysis;

/// <summary>
/// The patches of finished analysis runs (ob.patch) and the ledger rows they keep current. A run is stored whole
/// or not at all (<see cref="SaveRunAsync"/>); after that its patches never change.
/// </summary>
public sealed class PatchStore(ObDatabase db)
{
    public const int MaxListLimit = 10_000;

    /// <summary>Numbers are the series' prefix and a six-digit sequence, never reused: CY000001, TP000042.</summary>
    public static string Number(string prefix, long sequence) => prefix + sequence.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// Stores the patches of job <paramref name="jobId"/>, numbers the new ones, brings the series' ledger up to date
    /// (new entries 待处理, last-seen run for kept ones, vanished marks for <paramref name="vanished"/>, each with its
    /// event) and marks the job done with <paramref name="summary"/>, in one transaction. Runs of one series are
    /// stored one at a time; when another run of the series was stored after <paramref name="matchedAgainstJobId"/>
    /// (the run the numbers were matched against), nothing is written and <see cref="StaleMatchException"/> says so,
    /// so the caller can match again. Returns the numbers in the order of <paramref name="patches"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveRunAsync(long jobId, string series, string numberPrefix, long? matchedAgainstJobId,
        IReadOnlyList<NewPatch> patches, IReadOnlyList<string> vanished, JsonObject summary, string who, CancellationToken ct = default)
    {
        var srid = await db.GetWorkingSridAsync(ct);
        foreach (var p in patches)
            if (p.Geometry.SRID != srid)
                throw new ArgumentException($"patch geometry in EPSG:{p.Geometry.SRID}, not the working EPSG:{srid}", nameof(patches));

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockSeries = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('ob.series:' || $1, 0))", conn, tx))
        {
            lockSeries.Parameters.Add(new() { Value = series });
            await lockSeries.ExecuteNonQueryAsync(ct);
        }
        await using (var latest = new NpgsqlCommand("SELECT max(id) FROM ob.analysis_job WHERE series = $1 AND state = 'done'", conn, tx))
        {
            latest.Parameters.Add(new() { Value = series });
            var current = await latest.ExecuteScalarAsync(ct) as long?;
            if (current != matchedAgainstJobId) throw new StaleMatchException(series, matchedAgainstJobId, current);
        }

        long next;
        await using (var max = new NpgsqlCommand("""
            SELECT coalesce(max(substring(dkbh FROM length($2) + 1)::bigint), 0) + 1 FROM ob.ledger_entry
            WHERE series = $1 AND dkbh LIKE $2 || '%' AND substring(dkbh FROM length($2) + 1) ~ '^[0-9]+$'
            """, conn, tx))
        {
            max.Parameters.Add(new() { Value = series });
            max.Parameters.Add(new() { Value = numberPrefix });
            next = (long)(await max.ExecuteScalarAsync(ct))!;
        }
        var numbers = new string[patches.Count];
        for (var i = 0; i < patches.Count; i++) numbers[i] = patches[i].Dkbh ?? Number(numberPrefix, next++);

        await using (var copy = await conn.BeginBinaryImportAsync("""
            COPY ob.patch (job_id, dkbh, kind, is_conflict, match, xzqdm, xzqmc, jbnt, sthx, kfbj, area_m2, ellipsoidal_area_m2, attributes, geom)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            for (var i = 0; i < patches.Count; i++)
            {
                var p = patches[i];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(jobId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(numbers[i], NpgsqlDbType.Text, ct);
                await copy.WriteAsync(p.Kind, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(p.IsConflict, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(p.Match, NpgsqlDbType.Text, ct);
                await WriteTextAsync(copy, p.Xzqdm, ct);
                await WriteTextAsync(copy, p.Xzqmc, ct);
                await copy.WriteAsync(p.Jbnt, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(p.Sthx, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(p.Kfbj, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(p.AreaM2, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(p.EllipsoidalAreaM2, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(p.Attributes.ToJsonString(), NpgsqlDbType.Json, ct);
                await copy.WriteAsync(GeometryCodec.ToEwkb(p.Geometry), NpgsqlDbType.Bytea, ct);
            }
            await copy.CompleteAsync(ct);
        }

        // The ledger, in three statements over the run just written rather than a round trip per patch.
        await using (var found = new NpgsqlCommand("""
            WITH fresh AS (
              INSERT INTO ob.ledger_entry (series, dkbh, first_job_id, last_job_id, updated_by)
              SELECT $1, dkbh, $2, $2, $3 FROM ob.patch WHERE job_id = $2 AND match = 'new'
              RETURNING dkbh)
            INSERT INTO ob.ledger_event (series, dkbh, by_whom, event, status_to, job_id)
            SELECT $1, dkbh, $3, 'found', '待处理', $2 FROM fresh
            """, conn, tx))
        {
            found.Parameters.Add(new() { Value = series });
            found.Parameters.Add(new() { Value = jobId });
            found.Parameters.Add(new() { Value = who });
            await found.ExecuteNonQueryAsync(ct);
        }
        await using (var kept = new NpgsqlCommand("""
            WITH kept AS (
              UPDATE ob.ledger_entry e SET last_job_id = $2, vanished_job_id = NULL
              FROM ob.patch p WHERE p.job_id = $2 AND p.match <> 'new' AND e.series = $1 AND e.dkbh = p.dkbh
              RETURNING e.dkbh, p.match, e.status)
            INSERT INTO ob.ledger_event (series, dkbh, by_whom, event, status_from, status_to, job_id)
            SELECT $1, dkbh, $3, 'changed', status, status, $2 FROM kept WHERE match = 'changed'
            """, conn, tx))
        {
            kept.Parameters.Add(new() { Value = series });
            kept.Parameters.Add(new() { Value = jobId });
            kept.Parameters.Add(new() { Value = who });
            await kept.ExecuteNonQueryAsync(ct);
        }
        await using (var gone = new NpgsqlCommand("""
            WITH gone AS (
              UPDATE ob.ledger_entry SET vanished_job_id = $2
              WHERE series = $1 AND dkbh = ANY($3) AND vanished_job_id IS NULL
              RETURNING dkbh, status)
            INSERT INTO ob.ledger_event (series, dkbh, by_whom, event, status_from, status_to, job_id)
            SELECT $1, dkbh, $4, 'vanished', status, status, $2 FROM gone
            """, conn, tx))
        {
            gone.Parameters.Add(new() { Value = series });
            gone.Parameters.Add(new() { Value = jobId });
            gone.Parameters.Add(new() { Value = vanished.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            gone.Parameters.Add(new() { Value = who });
            await gone.ExecuteNonQueryAsync(ct);
        }

        await using (var done = new NpgsqlCommand("""
            UPDATE ob.analysis_job SET state = 'done', percent = 100, stage = 'done', summary = $2::json, finished_at = now()
            WHERE id = $1 AND state = 'running'
            """, conn, tx))
        {
            done.Parameters.Add(new() { Value = jobId });
            done.Parameters.Add(new() { Value = summary.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Text });
            if (await done.ExecuteNonQueryAsync(ct) == 0)
                throw new OperationCanceledException($"analysis job {jobId} is no longer running (cancelled); its results were not stored");
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(who, null, "analysis.done", "analysis_job", jobId.ToString(CultureInfo.InvariantCulture),
            AfterId: jobId, Details: new JsonObject { ["series"] = series, ["patches"] = patches.Count, ["vanished"] = vanished.Count }), ct);
        ct.ThrowIfCancellationRequested();
        await tx.CommitAsync(CancellationToken.None); // once committing has begun it finishes
        return numbers;
    }

    /// <summary>Number, kind and geometry of every patch of a job: what the next run is matched against.</summary>
    public async Task<IReadOnlyList<(string Dkbh, string Kind, Geometry Geometry)>> ReadForMatchingAsync(long jobId, CancellationToken ct = default)
    {
        var srid = await db.GetWorkingSridAsync(ct);
        await using var cmd = db.DataSource.CreateCommand("SELECT dkbh, kind, ST_AsBinary(geom) FROM ob.patch WHERE job_id = $1 ORDER BY dkbh");
        cmd.Parameters.Add(new() { Value = jobId });
        var list = new List<(string, string, Geometry)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add((reader.GetString(0), reader.GetString(1), GeometryCodec.FromWkb(reader.GetFieldValue<byte[]>(2), srid)));
        return list;
    }

    /// <summary>Patches of one job in number order, with their ledger status; and how many match in all.</summary>
    public async Task<(IReadOnlyList<StoredPatch> Patches, long Matched)> ListAsync(PatchQuery query, CancellationToken ct = default)
    {
        var srid = await db.GetWorkingSridAsync(ct);
        var bbox = query.Bbox;
        var where = """
            p.job_id = $1
              AND ($2::float8 IS NULL OR p.geom && ST_MakeEnvelope($2, $3, $4, $5, $6))
              AND ($7::text IS NULL OR p.kind = $7) AND ($8::text IS NULL OR p.xzqdm = $8)
              AND ($9::text IS NULL OR e.status = $9) AND ($10::text IS NULL OR p.match = $10) AND (NOT $11 OR p.is_conflict)
            """;
        void Bind(NpgsqlCommand cmd)
        {
            cmd.Parameters.Add(new() { Value = query.JobId });
            foreach (var v in new double?[] { bbox?.MinX, bbox?.MinY, bbox?.MaxX, bbox?.MaxY })
                cmd.Parameters.Add(new() { Value = (object?)v ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double });
            cmd.Parameters.Add(new() { Value = srid });
            foreach (var v in new[] { query.Kind, query.Xzqdm, query.Status, query.Match })
                cmd.Parameters.Add(new() { Value = (object?)v ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Parameters.Add(new() { Value = query.ConflictsOnly });
        }
        const string From = """
            FROM ob.patch p JOIN ob.analysis_job j ON j.id = p.job_id
            LEFT JOIN ob.ledger_entry e ON e.series = j.series AND e.dkbh = p.dkbh
            """;

        long matched;
        await using (var count = db.DataSource.CreateCommand($"SELECT count(*) {From} WHERE {where}"))
        {
            Bind(count);
            matched = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        await using var cmd = db.DataSource.CreateCommand($"""
            SELECT p.id, p.job_id, p.dkbh, p.kind, p.is_conflict, p.match, p.xzqdm, p.xzqmc, p.jbnt, p.sthx, p.kfbj, p.area_m2,
                   p.ellipsoidal_area_m2, p.attributes::text, coalesce(e.status, '待处理'), e.xtfs, e.tzyy,
                   CASE WHEN $12 THEN ST_AsBinary(p.geom) END
            {From} WHERE {where}
            ORDER BY p.dkbh LIMIT $13 OFFSET $14
            """);
        Bind(cmd);
        cmd.Parameters.Add(new() { Value = query.WithGeometry });
        cmd.Parameters.Add(new() { Value = Math.Clamp(query.Limit, 1, MaxListLimit) });
        cmd.Parameters.Add(new() { Value = Math.Max(0, query.Offset) });
        var list = new List<StoredPatch>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new StoredPatch(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), r.GetString(5),
                Text(r, 6), Text(r, 7), r.GetBoolean(8), r.GetBoolean(9), r.GetBoolean(10), r.GetDouble(11), r.GetDouble(12),
                JsonNode.Parse(r.GetString(13))!.AsObject(), r.GetString(14), Text(r, 15), Text(r, 16),
                r.IsDBNull(17) ? null : GeometryCodec.FromWkb(r.GetFieldValue<byte[]>(17), srid)));
        return (list, matched);
    }

    /// <summary>
    /// Per district and kind: count, hectares and the share of the district's area, the district areas taken from the
    /// current version of the 行政区划 layer (XZQH, attribute XZQDM). Rows in district then kind order.
    /// </summary>
    public async Task<IReadOnlyList<PatchStatistics>> StatisticsAsync(long jobId, CancellationToken ct = default)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            WITH district AS (
              SELECT f.attributes->>'XZQDM' AS xzqdm, sum(ST_Area(f.geom)) AS area
              FROM ob.layer_feature f
              JOIN ob.layer_version v ON v.id = f.version_id
              WHERE v.id = (SELECT max(id) FROM ob.layer_version WHERE layer_code = 'XZQH')
              GROUP BY 1)
            SELECT p.xzqdm, max(p.xzqmc), p.kind, bool_or(p.is_conflict), count(*), sum(p.area_m2) / 1e4,
                   sum(p.ellipsoidal_area_m2) / 1e4, sum(p.area_m2) / max(d.area)
            FROM ob.patch p LEFT JOIN district d ON d.xzqdm = p.xzqdm
            WHERE p.job_id = $1
            GROUP BY p.xzqdm, p.kind
            ORDER BY p.xzqdm NULLS LAST, p.kind
            """);
        cmd.Parameters.Add(new() { Value = jobId });
        var list = new List<PatchStatistics>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new PatchStatistics(Text(r, 0), Text(r, 1), r.GetString(2), r.GetBoolean(3), r.GetInt64(4), r.GetDouble(5),
                r.GetDouble(6), r.IsDBNull(7) ? null : r.GetDouble(7)));
        return list;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static async Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct)
    {
        if (value is null) await copy.WriteNullAsync(ct);
        else await copy.WriteAsync(value, NpgsqlDbType.Text, ct);
    }
}
