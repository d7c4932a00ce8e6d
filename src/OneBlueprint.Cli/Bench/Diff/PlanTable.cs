using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Engines.Indexing;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Cli.Bench.Diff;

/// <summary>
/// Reads one plan from PostGIS as the engine wants it — id, the compared attribute (extracted by SQL, the rest of the
/// attributes stays in the database) and the geometry as EWKB — streamed over the binary protocol, then decoded in
/// parallel. <paramref name="select"/> must return exactly (id bigint, value text, geom as EWKB bytea).
/// </summary>
public static class PlanTable
{
    public sealed record Read(IReadOnlyList<ControlFeature> Features, double FetchSeconds, double DecodeSeconds);

    public static async Task<Read> ReadAsync(ObDatabase db, string select, string field, object[] parameters, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var ids = new List<long>(250_000);
        var values = new List<string?>(250_000);
        var blobs = new List<byte[]>(250_000);
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var cmd = new NpgsqlCommand(select, conn) { CommandTimeout = 600 })
        {
            foreach (var p in parameters) cmd.Parameters.Add(new NpgsqlParameter { Value = p });
            await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetInt64(0));
                values.Add(reader.IsDBNull(1) ? null : reader.GetString(1));
                blobs.Add(reader.GetFieldValue<byte[]>(2));
            }
        }
        var fetch = clock.Elapsed.TotalSeconds;
        var features = new ControlFeature[ids.Count];
        Parallel.For(0, ids.Count, new ParallelOptions { CancellationToken = ct }, i =>
            features[i] = new ControlFeature(ids[i], GeometryCodec.FromWkb(blobs[i]), new Dictionary<string, object?>(1) { [field] = values[i] }));
        return new Read(features, fetch, clock.Elapsed.TotalSeconds - fetch);
    }

    /// <summary>Writes the revised copy into <paramref name="table"/> (id, cls, geom) by binary COPY.</summary>
    public static async Task WriteAsync(ObDatabase db, string table, IReadOnlyList<RevisedPatch> patches, int srid, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var copy = await conn.BeginBinaryImportAsync($"COPY {table} (id, cls, geom) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var p in patches)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
            if (p.Value is null) await copy.WriteNullAsync(ct);
            else await copy.WriteAsync(p.Value, NpgsqlDbType.Text, ct);
            // binary COPY hands these bytes to geometry's receive function, which reads EWKB (SRID included)
            await copy.WriteAsync(GeometryCodec.ToEwkb(p.Geometry, srid), NpgsqlDbType.Bytea, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
