using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Formats.GeoPackage;

/// <summary>
/// How one <see cref="FeatureSet"/> becomes a feature table, decided before anything is written:
/// attribute columns in order of first appearance with a type fitting all their values (all-null → TEXT);
/// the fid column ("fid") and geometry column ("geom", or Metadata["gpkg.geometry_column"]) renamed with a
/// suffix when an attribute already uses the name (SQLite names ignore case, so "NAME" after "name" becomes
/// "NAME_2"); the geometry type name shared by all non-empty geometries, else GEOMETRY; z = 1 when all have
/// Z, 2 when some do. Feature ids become fid values when they are all distinct positive integers; otherwise
/// fids are 1..n and the ids go to a TEXT column "id" so nothing is lost.
/// </summary>
internal sealed class LayerPlan
{
    public const string GeometryColumnKey = "gpkg.geometry_column";

    private LayerPlan(string table, string fidColumn, string geometryColumn, string geometryTypeName, int z,
        IReadOnlyList<AttributeColumn> columns, long[]? fids, string? idColumn)
    {
        Table = table;
        FidColumn = fidColumn;
        GeometryColumn = geometryColumn;
        GeometryTypeName = geometryTypeName;
        Z = z;
        Columns = columns;
        Fids = fids;
        IdColumn = idColumn;
    }

    public string Table { get; }
    public string FidColumn { get; }
    public string GeometryColumn { get; }
    public string GeometryTypeName { get; }

    /// <summary>gpkg_geometry_columns.z: 0 prohibited, 1 mandatory, 2 optional.</summary>
    public int Z { get; }

    public IReadOnlyList<AttributeColumn> Columns { get; }

    /// <summary>The features' own ids as fids, or null to number them 1..n.</summary>
    public long[]? Fids { get; }

    /// <summary>Column holding non-integer feature ids, or null when there is none.</summary>
    public string? IdColumn { get; }

    public static LayerPlan For(FeatureSet set, string table)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string Claim(string wanted)
        {
            var name = string.IsNullOrWhiteSpace(wanted) ? "field" : wanted;
            var candidate = name;
            for (var n = 2; !taken.Add(candidate); n++) candidate = $"{name}_{n}";
            return candidate;
        }

        // Attribute names are claimed first so they survive a round trip unchanged.
        var types = new Dictionary<string, ColumnType?>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var feature in set.Features)
        foreach (var (key, value) in feature.Attributes)
        {
            if (!types.TryGetValue(key, out var type)) order.Add(key);
            types[key] = value is null ? type : type is { } t ? AttributeValues.Merge(t, AttributeValues.TypeOf(value)) : AttributeValues.TypeOf(value);
        }
        var columns = order.Select(key => new AttributeColumn(key, Claim(key), types[key] ?? ColumnType.Text)).ToList();

        var fids = FidsFromIds(set.Features);
        string? idColumn = null;
        if (fids is null && set.Features.Any(f => f.Id is not null)) idColumn = Claim("id");

        var fidColumn = Claim("fid");
        var geometryColumn = Claim(set.Metadata.TryGetValue(GeometryColumnKey, out var g) && !string.IsNullOrWhiteSpace(g) ? g : "geom");

        var nonEmpty = set.Features.Select(f => f.Geometry).Where(x => !x.IsEmpty).ToList();
        var typeNames = nonEmpty.Select(TypeNameOf).Distinct().ToList();
        var withZ = nonEmpty.Count(GeoPackageBinaryWriter.HasZ);
        var z = withZ == 0 ? 0 : withZ == nonEmpty.Count ? 1 : 2;
        return new LayerPlan(table, fidColumn, geometryColumn, typeNames.Count == 1 ? typeNames[0] : "GEOMETRY", z, columns, fids, idColumn);
    }

    /// <summary>GeoPackage geometry type name (Annex G) of one geometry; a LinearRing is written as a LINESTRING.</summary>
    public static string TypeNameOf(Geometry geometry) => geometry switch
    {
        Point => "POINT",
        LineString => "LINESTRING",
        Polygon => "POLYGON",
        MultiPoint => "MULTIPOINT",
        MultiLineString => "MULTILINESTRING",
        MultiPolygon => "MULTIPOLYGON",
        GeometryCollection => "GEOMETRYCOLLECTION",
        _ => "GEOMETRY",
    };

    private static long[]? FidsFromIds(List<GeoFeature> features)
    {
        if (features.Count == 0) return null;
        var fids = new long[features.Count];
        var seen = new HashSet<long>();
        for (var i = 0; i < features.Count; i++)
        {
            // Only canonical integers ("7", not "07" or "+7") so the id reads back as the same string.
            if (!long.TryParse(features[i].Id, NumberStyles.None, CultureInfo.InvariantCulture, out var fid) || fid <= 0
                || fid.ToString(CultureInfo.InvariantCulture) != features[i].Id || !seen.Add(fid))
                return null;
            fids[i] = fid;
        }
        return fids;
    }
}
