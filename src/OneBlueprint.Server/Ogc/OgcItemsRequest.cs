using System.Globalization;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Server.Http;
using OneBlueprint.Storage.Layers;

namespace OneBlueprint.Server.Ogc;

/// <summary>
/// The query of /ogc/collections/{id}/items, checked: limit (default 10, 1–10,000), offset, bbox in bbox-crs (in that
/// CRS's axis order, see <see cref="OgcCrs"/>), crs, and ?PROPERTY=value equality filters on the collection's property
/// names. Anything else is a 400 that names what is allowed. <c>datetime</c> is accepted and has no effect: no
/// collection has a temporal property yet.
/// </summary>
public sealed record OgcItemsRequest(int Limit, int Offset, OgcCrs Crs, FeatureFilter Filter, IReadOnlyList<KeyValuePair<string, string>> EchoQuery)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 10_000;

    private static readonly HashSet<string> Reserved = ["f", "limit", "offset", "bbox", "bbox-crs", "crs", "datetime"];

    public static async Task<OgcItemsRequest> ParseAsync(HttpRequest request, IOgcFeatureSource source, int workingSrid, CancellationToken ct)
    {
        var q = request.Query;
        foreach (var (name, values) in q)
            if (values.Count > 1)
                throw Bad($"query.{name}", $"{name} is given {values.Count} times", $"Give {name} once.");

        var limit = Integer(q["limit"].FirstOrDefault(), "limit", DefaultLimit);
        if (limit < 1 || limit > MaxLimit) throw Bad("query.limit", $"limit={limit} is outside 1–{MaxLimit}", $"Ask for at most {MaxLimit} features a page and follow the \"next\" link.");
        var offset = Integer(q["offset"].FirstOrDefault(), "offset", 0);
        if (offset < 0) throw Bad("query.offset", $"offset={offset} is negative", "Use offset=0 for the first page.");

        var crs = OgcCrs.Parse(q["crs"].FirstOrDefault(), "crs") ?? OgcCrs.Crs84;
        var bboxCrs = OgcCrs.Parse(q["bbox-crs"].FirstOrDefault(), "bbox-crs") ?? OgcCrs.Crs84;
        var bboxText = q["bbox"].FirstOrDefault();
        if (bboxText is null && q.ContainsKey("bbox-crs"))
            throw Bad("query.bbox-crs", "bbox-crs is given without bbox", "Add bbox=… or drop bbox-crs.");
        var box = bboxText is null ? null : QueryCrs.ParseBbox(ToEastFirst(bboxText, bboxCrs), bboxCrs.Srid, workingSrid);

        // only asked when needed: the first look at a large layer scans its attributes (then cached per version)
        var names = q.Keys.All(Reserved.Contains) ? new HashSet<string>() : await source.PropertyNamesAsync(ct);
        var filters = new List<KeyValuePair<string, string>>();
        var echo = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in q)
        {
            if (name is "f" or "offset") continue; // links set these themselves
            echo.Add(new(name, values.ToString()));
            if (Reserved.Contains(name)) continue;
            if (!names.Contains(name))
                throw Bad("query.unknown", $"'{name}' is neither a parameter of this endpoint nor a property of the collection",
                    $"Use limit, offset, bbox, bbox-crs, crs, f, or a property name ({string.Join(", ", names.Order(StringComparer.Ordinal).Take(20))}).");
            filters.Add(new(name, values.ToString()));
        }
        return new OgcItemsRequest(limit, offset, crs, new FeatureFilter(box, filters), echo);
    }

    /// <summary>A bbox written in a north-first CRS's axis order (minN,minE,maxN,maxE) rewritten east first for QueryCrs.</summary>
    private static string ToEastFirst(string bbox, OgcCrs crs)
    {
        var parts = bbox.Split(',');
        if (parts.Length == 6)
            throw Bad("query.bbox", $"bbox={bbox} has six numbers (3D)", "Give four numbers: this API filters in 2D.");
        if (parts.Length != 4 || parts.Any(p => !double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            throw Bad("query.bbox", $"bbox={bbox} is not four comma-separated numbers",
                crs.NorthFirst ? $"In {crs.Uri} write minNorth,minEast,maxNorth,maxEast (latitude first for EPSG:4490)." : "Write west,south,east,north, e.g. bbox=113.6,34.7,113.8,34.8.");
        return crs.NorthFirst ? $"{parts[1]},{parts[0]},{parts[3]},{parts[2]}" : bbox;
    }

    private static int Integer(string? text, string name, int fallback) =>
        text is null ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw Bad($"query.{name}", $"{name}={text} is not a whole number", $"Give {name} as an integer, e.g. {name}={fallback}.");

    private static InputException Bad(string code, string what, string fix) => new(InputProblem.Error(code, what, null, fix));
}
