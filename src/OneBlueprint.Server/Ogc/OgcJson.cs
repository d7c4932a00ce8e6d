using System.Text.Json;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Server.Ogc;

/// <summary>The JSON encodings: landing page, conformance, collections (application/json) and items (application/geo+json).</summary>
public static class OgcJson
{
    public static byte[] Landing(string title, string description, IEnumerable<OgcLink> links) => Write(w =>
    {
        w.WriteString("title", title);
        w.WriteString("description", description);
        Links(w, links);
    });

    public static byte[] Conformance(IEnumerable<OgcLink> links) => Write(w =>
    {
        w.WriteStartArray("conformsTo");
        foreach (var c in OgcConformance.Classes) w.WriteStringValue(c);
        w.WriteEndArray();
        Links(w, links);
    });

    public static byte[] Collections(IEnumerable<CollectionView> collections, IEnumerable<OgcLink> links) => Write(w =>
    {
        Links(w, links);
        w.WriteStartArray("collections");
        foreach (var c in collections) { w.WriteStartObject(); CollectionMembers(w, c); w.WriteEndObject(); }
        w.WriteEndArray();
        CrsList(w);
    });

    public static byte[] Collection(CollectionView c) => Write(w => CollectionMembers(w, c));

    public static byte[] Items(ItemsView page) => Write(w =>
    {
        w.WriteString("type", "FeatureCollection");
        w.WriteNumber("numberMatched", page.NumberMatched);
        w.WriteNumber("numberReturned", page.Features.Count);
        w.WriteString("timeStamp", page.TimeStamp.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Links(w, page.Links);
        w.WriteStartArray("features");
        var decimals = GeoJsonWriter.DefaultDecimals(page.Crs.Srid);
        foreach (var f in page.Features) Feature(w, f, decimals, !page.Crs.NorthFirst);
        w.WriteEndArray();
    });

    public static byte[] Item(ItemView item) => Write(w =>
    {
        FeatureMembers(w, item.Feature, GeoJsonWriter.DefaultDecimals(item.Crs.Srid), !item.Crs.NorthFirst);
        Links(w, item.Links);
    });

    private static void Feature(Utf8JsonWriter w, GeoFeature f, int decimals, bool rightHandRule)
    {
        w.WriteStartObject();
        FeatureMembers(w, f, decimals, rightHandRule);
        w.WriteEndObject();
    }

    private static void FeatureMembers(Utf8JsonWriter w, GeoFeature f, int decimals, bool rightHandRule)
    {
        w.WriteString("type", "Feature");
        // ids are stored bigints: written as numbers, which GDAL takes as the FID
        if (long.TryParse(f.Id, out var id)) w.WriteNumber("id", id); else w.WriteString("id", f.Id);
        w.WritePropertyName("properties");
        GeoJsonWriter.WriteProperties(w, f.Attributes);
        w.WritePropertyName("geometry");
        // RFC 7946 ring orientation only for east-first output: in a north-first axis order it would read reversed.
        GeoJsonWriter.WriteGeometry(w, f.Geometry, decimals, rightHandRule);
    }

    private static void CollectionMembers(Utf8JsonWriter w, CollectionView c)
    {
        w.WriteString("id", c.Collection.Id);
        w.WriteString("title", c.Collection.Title);
        w.WriteString("description", c.Collection.Description);
        w.WriteString("itemType", "feature");
        Links(w, c.Links);
        if (c.Crs84Bbox is { } b)
        {
            w.WriteStartObject("extent");
            w.WriteStartObject("spatial");
            w.WriteStartArray("bbox");
            w.WriteStartArray();
            foreach (var v in b) w.WriteNumberValue(v);
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteString("crs", OgcCrs.Crs84Uri);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        CrsList(w);
        w.WriteString("storageCrs", c.StorageCrs);
    }

    private static void CrsList(Utf8JsonWriter w)
    {
        w.WriteStartArray("crs");
        foreach (var crs in OgcCrs.Supported) w.WriteStringValue(crs.Uri);
        w.WriteEndArray();
    }

    private static void Links(Utf8JsonWriter w, IEnumerable<OgcLink> links)
    {
        w.WriteStartArray("links");
        foreach (var l in links)
        {
            w.WriteStartObject();
            w.WriteString("href", l.Href);
            w.WriteString("rel", l.Rel);
            w.WriteString("type", l.Type);
            w.WriteString("title", l.Title);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, GeoJsonWriter.JsonOptions()))
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
