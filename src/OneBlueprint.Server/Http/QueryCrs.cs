using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Http;

/// <summary>Reads CRS and bbox query parameters the way OGC API Features writes them.</summary>
public static class QueryCrs
{
    public static int? Parse(HttpRequest request, string name)
    {
        var text = request.Query[name].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(text)) return null;
        // OGC writes http://www.opengis.net/def/crs/EPSG/0/4547; people write EPSG:4547.
        var slash = text.LastIndexOf('/');
        var srid = text.Contains("opengis.net/def/crs/EPSG", StringComparison.OrdinalIgnoreCase) && slash >= 0
            ? EpsgCode.Parse(text[(slash + 1)..])
            : EpsgCode.Parse(text);
        if (srid is null || !CrsRegistry.IsKnown(srid.Value))
            throw new InputException(InputProblem.Error("query.crs", $"{name}={text} is not a coordinate system this server knows", null,
                "Use EPSG:4490 (CGCS2000 lon/lat), a CGCS2000 3° Gauss-Krüger code EPSG:4513–4554, or EPSG:3857."));
        return srid;
    }

    /// <summary>bbox=minx,miny,maxx,maxy in <paramref name="bboxSrid"/>, returned in the working CRS.</summary>
    public static Envelope? ParseBbox(string? bbox, int bboxSrid, int workingSrid)
    {
        if (string.IsNullOrWhiteSpace(bbox)) return null;
        var parts = bbox.Split(',');
        var numbers = parts.Select(p => double.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
        if (numbers.Length != 4 || numbers.Any(double.IsNaN) || numbers[0] > numbers[2] || numbers[1] > numbers[3])
            throw new InputException(InputProblem.Error("query.bbox", $"bbox={bbox} is not minx,miny,maxx,maxy", null,
                "Give four numbers, west,south,east,north, e.g. bbox=113.6,34.7,113.8,34.8 (EPSG:4490 lon/lat unless bbox-crs says otherwise)."));
        return EnvelopeReprojection.Transform(new Envelope(numbers[0], numbers[2], numbers[1], numbers[3]), bboxSrid, workingSrid);
    }
}
