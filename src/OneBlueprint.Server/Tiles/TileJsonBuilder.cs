using System.Text.Json.Nodes;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Tiles;

/// <summary>
/// TileJSON 3.0.0 documents (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0) for a layer or the
/// public composite: the tiles URL template, zoom range, bounds in lon/lat (CGCS2000 ≈ WGS 84) and
/// vector_layers whose fields are read from the version's first features (String, Number or Boolean).
/// </summary>
public static class TileJsonBuilder
{
    public const int MinZoom = 0;
    public const int MaxZoom = TileAddress.MaxZoom;

    public static async Task<JsonObject> BuildAsync(string name, string description, string tilesUrl,
        IReadOnlyList<TileLayerSource> layers, LayerStore store, CancellationToken ct)
    {
        var vectorLayers = new JsonArray();
        NetTopologySuite.Geometries.Envelope? lonLat = null;
        foreach (var layer in layers)
        {
            var fields = new JsonObject();
            foreach (var feature in await store.QueryFeaturesAsync(layer.VersionId, null, 50, 0, ct))
                foreach (var (key, value) in feature.Attributes)
                    if (!fields.ContainsKey(key) && FieldType(value) is { } type) fields[key] = type;
            vectorLayers.Add(new JsonObject
            {
                ["id"] = layer.Code,
                ["description"] = layer.Name,
                ["minzoom"] = MinZoom,
                ["maxzoom"] = MaxZoom,
                ["fields"] = fields,
            });
            if (layer.Bbox is { } bbox)
            {
                var box = EnvelopeReprojection.Transform(bbox, store.WorkingSrid, CrsCatalog.Cgcs2000);
                if (lonLat is null) lonLat = box;
                else lonLat.ExpandToInclude(box);
            }
        }
        var doc = new JsonObject
        {
            ["tilejson"] = "3.0.0",
            ["name"] = name,
            ["description"] = description,
            ["version"] = "1.0.0",
            ["scheme"] = "xyz",
            ["tiles"] = new JsonArray(tilesUrl),
            ["minzoom"] = MinZoom,
            ["maxzoom"] = MaxZoom,
            ["vector_layers"] = vectorLayers,
        };
        if (lonLat is not null)
        {
            doc["bounds"] = new JsonArray(Math.Round(lonLat.MinX, 6), Math.Round(lonLat.MinY, 6), Math.Round(lonLat.MaxX, 6), Math.Round(lonLat.MaxY, 6));
            doc["center"] = new JsonArray(Math.Round(lonLat.Centre.X, 6), Math.Round(lonLat.Centre.Y, 6), 10);
        }
        return doc;
    }

    private static string? FieldType(object? value) => value switch
    {
        null => null,
        bool => "Boolean",
        long or int or double or float or decimal or short => "Number",
        _ => "String",
    };
}
