using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;
using OneBlueprint.Storage.Attributes;
using OneBlueprint.Storage.Database;
using OneBlueprint.Storage.Geometries;

namespace OneBlueprint.Server.Tiles;

/// <summary>
/// The features a tile needs, in one round trip: the GiST index's bounding-box test (<c>&amp;&amp;</c>) only —
/// the renderer clips exactly anyway — with stored ids and attributes. Dates stay the ISO strings they are
/// stored as, which is how a vector tile carries them. (LayerStore.QueryFeaturesAsync answers the OGC
/// "intersects" question exactly and restores typed dates: two extra round trips a tile does not need.)
/// </summary>
public sealed class TileFeatureQuery(ObDatabase db)
{
    public async Task<List<GeoFeature>> ReadAsync(long versionId, Envelope envelope, CancellationToken ct)
    {
        await using var cmd = db.DataSource.CreateCommand(
            "SELECT id, attributes::text, ST_AsEWKB(geom) FROM ob.layer_feature WHERE version_id = $1 AND geom && ST_MakeEnvelope($2, $3, $4, $5, $6)");
        cmd.Parameters.Add(new() { Value = versionId });
        cmd.Parameters.Add(new() { Value = envelope.MinX });
        cmd.Parameters.Add(new() { Value = envelope.MinY });
        cmd.Parameters.Add(new() { Value = envelope.MaxX });
        cmd.Parameters.Add(new() { Value = envelope.MaxY });
        cmd.Parameters.Add(new() { Value = db.WorkingSrid });
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        var list = new List<GeoFeature>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            var attributes = reader.GetString(1);
            var feature = new GeoFeature(GeometryCodec.FromWkb(reader.GetFieldValue<byte[]>(2)))
            {
                Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            AttributeJson.Deserialize(attributes, feature.Attributes);
            list.Add(feature);
        }
        return list;
    }
}
