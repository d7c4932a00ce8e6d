using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// Maps the 坐标系 text of a red-line file to a datum and back. Files spell the same datum many ways
/// (2000国家大地坐标系, CGCS2000, 国家2000; 80西安坐标系, 西安80, 1980西安坐标系; 54北京坐标系, 北京54), so
/// the match is on the telling parts: 2000/CGCS, 西安/80, 北京/54.
/// </summary>
public static class RedLineDatumNames
{
    public static GeodeticDatum? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().ToUpperInvariant();
        if (t.Contains("CGCS") || t.Contains("2000")) return GeodeticDatum.Cgcs2000;
        if (t.Contains("西安") || t.Contains("XIAN") || t.Contains("80")) return GeodeticDatum.Xian1980;
        if (t.Contains("北京") || t.Contains("BEIJING") || t.Contains("54")) return GeodeticDatum.Beijing1954;
        return null;
    }

    /// <summary>The name the writer uses when the set's metadata has none for its datum.</summary>
    public static string Canonical(GeodeticDatum datum) => datum switch
    {
        GeodeticDatum.Cgcs2000 => "2000国家大地坐标系",
        GeodeticDatum.Xian1980 => "1980西安坐标系",
        _ => "1954北京坐标系",
    };
}
