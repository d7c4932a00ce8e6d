using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Ogc;

/// <summary>
/// A coordinate system as OGC API Features Part 2 names it, with the axis order its coordinates are written in.
/// Decision (documented in the README): CRS84 (the default) is lon/lat; any EPSG CRS asked for by crs= or
/// bbox-crs= uses EPSG's axis order, as Part 2 requires — EPSG:4490 is latitude first, the CGCS2000 Gauss-Krüger
/// systems northing first (X=北, Y=东, as Chinese surveyors write them), EPSG:3857 easting first. Inside the program
/// coordinates stay x = east, y = north; only what goes over the wire is swapped.
/// </summary>
public sealed record OgcCrs(string Uri, int Srid, bool NorthFirst)
{
    public const string Crs84Uri = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    private const string EpsgPrefix = "http://www.opengis.net/def/crs/EPSG/0/";

    /// <summary>CRS84: CGCS2000 lon/lat, which RFC 7946 clients read as WGS 84 (they agree within centimetres).</summary>
    public static OgcCrs Crs84 { get; } = new(Crs84Uri, CrsCatalog.Cgcs2000, NorthFirst: false);

    /// <summary>The systems every collection offers: CRS84, EPSG:4490, CGCS2000 3° GK 4513–4554, EPSG:3857.</summary>
    public static IReadOnlyList<OgcCrs> Supported { get; } =
        new[] { Crs84, Epsg(CrsCatalog.Cgcs2000) }
            .Concat(Enumerable.Range(4513, 4554 - 4513 + 1).Select(Epsg))
            .Append(Epsg(CrsCatalog.WebMercator))
            .ToArray();

    public static OgcCrs Epsg(int srid) => new(EpsgPrefix + srid, srid, NorthFirst: srid != CrsCatalog.WebMercator);

    /// <summary>The working CRS as storageCrs.</summary>
    public static OgcCrs Storage(int workingSrid) => Supported.FirstOrDefault(c => c.Srid == workingSrid && c.Uri != Crs84Uri) ?? Epsg(workingSrid);

    /// <summary>
    /// crs=/bbox-crs= as a URI (http://www.opengis.net/def/crs/EPSG/0/4547, …/OGC/1.3/CRS84), a safe CURIE
    /// ([EPSG:4547], [OGC:CRS84]) or EPSG:4547; null when absent; 400 when not one of <see cref="Supported"/>.
    /// </summary>
    public static OgcCrs? Parse(string? text, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().Trim('[', ']');
        if (t.Equals(Crs84Uri, StringComparison.OrdinalIgnoreCase) || t.Equals("OGC:CRS84", StringComparison.OrdinalIgnoreCase) || t.Equals("CRS84", StringComparison.OrdinalIgnoreCase))
            return Crs84;
        int? srid = null;
        if (t.StartsWith(EpsgPrefix, StringComparison.OrdinalIgnoreCase)) srid = int.TryParse(t[EpsgPrefix.Length..], out var n) ? n : null;
        else if (t.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase)) srid = int.TryParse(t[5..], out var n) ? n : null;
        var found = srid is null ? null : Supported.FirstOrDefault(c => c.Srid == srid && c.Uri != Crs84Uri);
        return found ?? throw new InputException(InputProblem.Error($"query.{parameter}", $"{parameter}={text} is not a CRS this collection offers", null,
            $"Use {Crs84Uri} (the default), {EpsgPrefix}4490, {EpsgPrefix}4513 … {EpsgPrefix}4554 (CGCS2000 3° Gauss-Krüger) or {EpsgPrefix}3857; the collection's \"crs\" list names them all."));
    }

    /// <summary>The geometry (x = east) written in this CRS's axis order: north-first CRSs get x and y swapped.</summary>
    public Geometry ToAxisOrder(Geometry geometry)
    {
        if (!NorthFirst) return geometry;
        var swapped = geometry.Copy();
        swapped.Apply(new SwapXy());
        swapped.GeometryChanged();
        return swapped;
    }

    private sealed class SwapXy : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var x = seq.GetX(i);
            seq.SetX(i, seq.GetY(i));
            seq.SetY(i, x);
        }
    }
}
