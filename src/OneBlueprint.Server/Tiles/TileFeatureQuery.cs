using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Geo.Features;
using OneBlueprint.Storage.Attributes;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Server.Tiles;

/// <summary>
/// The features a tile needs, in one round trip of a prepared statement: the GiST index's bounding-box test
/// (<c>&amp;&amp;</c>) only — the renderer clips exactly anyway — with stored ids and attributes. Dates stay the ISO
/// strings they are stored as, which is how a vector tile carries them. (LayerStore.QueryFeaturesAsync answers the
/// OGC "intersects" question exactly and restores typed dates: two extra round trips a tile does not need.)
/// <para>
/// What a <see cref="TileDetail"/> asks for is done in PostGIS, where it saves transfer and decoding: features whose
/// box is smaller than <see cref="TileDetail.MinSize"/> in both directions are left out, and geometry comes
/// <c>ST_Simplify</c>'d (Douglas-Peucker, what the renderer would otherwise do in tile units; it then does not) with
/// <see cref="TileDetail.SimplifyTolerance"/>; a geometry that collapses is left out too.
/// </para>
/// </summary>
public sealed class TileFeatureQuery(ObDatabase db) : IAsyncDisposable
{
    /// <summary>
    /// The tiles' own pool on the same database, without the session reset Npgsql otherwise sends with the first
    /// command after a connection comes back from the pool: this query leaves no session state behind, and the reset
    /// is a measurable part of a sub-millisecond tile.
    /// </summary>
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(db.ConnectionString) { NoResetOnClose = true }.ConnectionString);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private const string Sql = """
        SELECT id, attributes::text, ST_AsBinary(CASE WHEN $7 > 0 THEN ST_Simplify(geom, $7) ELSE geom END)
        FROM ob.layer_feature
        WHERE version_id = $1 AND geom && ST_MakeEnvelope($2, $3, $4, $5, $6)
          AND ($8 <= 0 OR ST_XMax(geom) - ST_XMin(geom) >= $8 OR ST_YMax(geom) - ST_YMin(geom) >= $8)
        """;

    public Task<List<GeoFeature>> ReadAsync(long versionId, Envelope envelope, CancellationToken ct) =>
        ReadAsync(versionId, envelope, TileDetail.Full, ct);

    public async Task<List<GeoFeature>> ReadAsync(long versionId, Envelope envelope, TileDetail detail, CancellationToken ct)
    {
        await using var conn = await _source.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql, conn);
        cmd.Parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = versionId });
        cmd.Parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Double, Value = envelope.MinX });
        cmd.Parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Double, Value = envelope.MinY });
        cmd.Parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Double, Value = envelope.MaxX });
        cmd.Parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Double, Value = envelope.MaxY });
        cmd.Parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = db.WorkingSrid });
        cmd.Parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Double, Value = detail.SimplifyTolerance });
        cmd.Parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Double, Value = detail.MinSize });
        // Prepared statements persist on each pooled connection: after the first time this is a lookup, not a round trip.
        await cmd.PrepareAsync(ct);
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        var list = new List<GeoFeature>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            var attributes = reader.GetString(1);
            if (await reader.IsDBNullAsync(2, ct)) continue; // collapsed by the simplification: nothing to draw
            var geometry = GeometryCodec.FromWkb(reader.GetFieldValue<byte[]>(2), db.WorkingSrid);
            if (geometry.IsEmpty) continue;
            var feature = new GeoFeature(geometry) { Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            AttributeJson.Deserialize(attributes, feature.Attributes);
            list.Add(feature);
        }
        return list;
    }
}
