using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;
using OneBlueprint.Geo.Spatial;
using static OneBlueprint.Formats.RedLineTxt.RedLineTxtFields;

namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// Writes a feature set in a 3° Gauss-Krüger system as a red-line file. [项目信息] and [属性描述] come
/// from the set's metadata (keys "项目信息.x", "属性描述.x") in their order; the CRS keys (坐标系,
/// 几度分带, 带号) always follow the set's SRID, since after reprojection the old values would lie, and
/// keys the format needs but the metadata lacks get defaults. Each parcel header is written with the
/// nine standard fields, 点数 counting the lines actually written and 面积 the computed planar area;
/// points are named J1, J2, … per parcel, continuing across rings, each ring repeating its first point.
/// </summary>
internal sealed class RedLineTxtWriter(RedLineTxtWriteOptions options)
{
    private const string NewLine = "\r\n";

    public void Write(FeatureSet set, Stream stream)
    {
        var (datum, zone, _) = GaussKruger(set);
        var text = new StringBuilder();

        var project = SectionEntries(set, ProjectSection).ToList();
        if (project.Count > 0)
        {
            text.Append('[').Append(ProjectSection).Append(']').Append(NewLine);
            foreach (var (key, value) in project) text.Append(key).Append('=').Append(value).Append(NewLine);
        }

        text.Append('[').Append(DescriptionSection).Append(']').Append(NewLine);
        foreach (var (key, value) in Description(set, datum, zone)) text.Append(key).Append('=').Append(value).Append(NewLine);

        text.Append('[').Append(ParcelSection).Append(']').Append(NewLine);
        var record = 0;
        foreach (var feature in set.Features)
        {
            record++;
            foreach (var (number, part) in Parcels(feature, record, set.Name))
                AppendParcel(text, feature, number, part);
        }

        var encoding = RedLineTxtText.ForWriting(options.Encoding);
        stream.Write(encoding.GetPreamble());
        stream.Write(encoding.GetBytes(text.ToString()));
    }

    private static (GeodeticDatum Datum, int Zone, bool Prefixed) GaussKruger(FeatureSet set)
    {
        if (set.Srid is { } srid && CrsCatalog.DescribeGaussKruger(srid) is { } gk) return gk;
        throw new InputException(InputProblem.Error(RedLineTxtCodes.NotGaussKruger,
            set.Srid is null
                ? "the features have no coordinate system, and a red-line TXT file must be in a 3° Gauss-Krüger zone"
                : $"the features are in EPSG:{set.Srid}, and a red-line TXT file must be in a 3° Gauss-Krüger zone (X north, Y east, metres)",
            new SourceLocation(set.Name),
            "Convert them first with --to-crs, e.g. --to-crs EPSG:4547 (CGCS2000, CM 114°E) or EPSG:4526 (the same zone 38 with the zone prefix)."));
    }

    private static IEnumerable<(string Key, string Value)> SectionEntries(FeatureSet set, string section)
    {
        var prefix = section + ".";
        foreach (var (key, value) in set.Metadata)
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
                yield return (SingleLine(key[prefix.Length..]), SingleLine(value));
    }

    private static List<(string Key, string Value)> Description(FeatureSet set, GeodeticDatum datum, int zone)
    {
        string Crs(string key, string value) => key switch
        {
            CoordinateSystemKey => RedLineDatumNames.Parse(value) == datum ? value : RedLineDatumNames.Canonical(datum),
            ZoneWidthKey => "3",
            ZoneKey => zone.ToString(CultureInfo.InvariantCulture),
            _ => value,
        };
        (string Key, string Value)[] required =
        [
            (CoordinateSystemKey, RedLineDatumNames.Canonical(datum)),
            (ZoneWidthKey, "3"),
            (ProjectionKey, "高斯克吕格"),
            (UnitKey, "米"),
            (ZoneKey, zone.ToString(CultureInfo.InvariantCulture)),
            (PrecisionKey, "0.001"),
        ];
        var entries = SectionEntries(set, DescriptionSection).Select(e => (e.Key, Crs(e.Key, e.Value))).ToList();
        if (entries.Count == 0)
            return [(FormatVersionKey, "1.01"), .. required, (TransformationKey, ",,,,,,")];
        // Metadata from a read file keeps its order and keys; only what the format needs is added.
        foreach (var entry in required)
            if (!entries.Any(e => e.Key == entry.Key))
                entries.Add(entry);
        return entries;
    }

    /// <summary>
    /// The parcels one feature becomes. A MultiPolygon cannot be one parcel: its extra shells would have
    /// to take 圈号 2, 3…, which every reader takes for holes. So each part becomes its own parcel, its
    /// 地块编号 suffixed -1, -2, … (a single-part MultiPolygon keeps its number unchanged).
    /// </summary>
    private static IEnumerable<(string Number, Geometry Part)> Parcels(GeoFeature feature, int record, string? setName)
    {
        var number = Text(feature, ParcelNumber) ?? feature.Id ?? record.ToString(CultureInfo.InvariantCulture);
        var geometry = feature.Geometry;
        if (geometry is null || geometry.IsEmpty)
            throw Unsupported(feature, record, setName, "an empty geometry");
        switch (geometry)
        {
            case MultiPolygon multi when multi.NumGeometries > 1:
                for (var i = 0; i < multi.NumGeometries; i++)
                    yield return ($"{number}-{i + 1}", multi.GetGeometryN(i));
                break;
            case MultiPolygon multi:
                yield return (number, multi.GetGeometryN(0));
                break;
            case Polygon or LineString or MultiLineString or Point or MultiPoint:
                yield return (number, geometry);
                break;
            default:
                throw Unsupported(feature, record, setName, $"a {geometry.GeometryType}");
        }
    }

    private static InputException Unsupported(GeoFeature feature, int record, string? setName, string what) =>
        new(InputProblem.Error(RedLineTxtCodes.UnsupportedGeometry,
            $"feature {feature.Id ?? record.ToString(CultureInfo.InvariantCulture)} has {what}, which a red-line TXT file cannot hold",
            feature.Source ?? new SourceLocation(setName, Record: record),
            "Red-line files hold polygons (面), lines (线) and points (点); remove the feature or convert its geometry."));

    private static void AppendParcel(StringBuilder text, GeoFeature feature, string number, Geometry geometry)
    {
        var (shape, rings) = geometry switch
        {
            Polygon p => (ParcelShape.Polygon, new[] { p.ExteriorRing }.Concat(p.InteriorRings).Select(r => r.Coordinates).ToList()),
            LineString l => (ParcelShape.Line, [l.Coordinates]),
            MultiLineString ml => (ParcelShape.Line, ml.Geometries.Select(g => g.Coordinates).ToList()),
            _ => (ParcelShape.Point, [geometry.Coordinates]),
        };
        // A feature read from TXT keeps its own spelling (even an empty field, which means 面) when it
        // agrees with the geometry; anything else gets the standard 点/线/面.
        var declared = Text(feature, ShapeType);
        var shapeText = feature.Attributes.ContainsKey(ShapeType) && ParcelShapes.Parse(declared) == shape
            ? Clean(declared ?? "")
            : ParcelShapes.Name(shape);
        var polygonal = shape == ParcelShape.Polygon;
        var rows = rings.Sum(r => polygonal ? ClosedCount(r) : r.Length);
        var hectares = geometry is Polygon polygon ? AreaUnits.ToHectares(polygon.Area) : 0.0;

        string[] fields =
        [
            rows.ToString(CultureInfo.InvariantCulture),
            hectares.ToString("0.0000", CultureInfo.InvariantCulture),
            Clean(number),
            Clean(Text(feature, ParcelName) ?? ""),
            shapeText,
            Clean(Text(feature, MapSheet) ?? ""),
            Clean(Text(feature, LandUse) ?? ""),
            Clean(Text(feature, LandClassCode) ?? ""),
            HeaderTerminator,
        ];
        text.Append(string.Join(',', fields)).Append(NewLine);

        var pointNumber = 0;
        for (var ring = 0; ring < rings.Count; ring++)
        {
            var coordinates = rings[ring];
            var first = pointNumber + 1;
            var count = coordinates.Length;
            // Polygon rings are stored closed; drop the stored closing point and repeat the first by name.
            if (polygonal && count > 1 && coordinates[0].Equals2D(coordinates[^1])) count--;
            for (var i = 0; i < count; i++)
                AppendPoint(text, $"J{++pointNumber}", ring + 1, coordinates[i]);
            if (polygonal) AppendPoint(text, $"J{first}", ring + 1, coordinates[0]);
        }
    }

    private static int ClosedCount(Coordinate[] ring) =>
        ring.Length > 1 && ring[0].Equals2D(ring[^1]) ? ring.Length : ring.Length + 1;

    private static void AppendPoint(StringBuilder text, string name, int ring, Coordinate c) =>
        text.Append(name).Append(',').Append(ring.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(c.Y.ToString("0.000", CultureInfo.InvariantCulture)).Append(',')
            .Append(c.X.ToString("0.000", CultureInfo.InvariantCulture)).Append(NewLine);

    private static string? Text(GeoFeature feature, string attribute) =>
        feature.Attributes.TryGetValue(attribute, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } s ? s : null
            : null;

    /// <summary>Commas and line breaks would break a header's fields; commas become full-width (，).</summary>
    private static string Clean(string value) => SingleLine(value.Replace(',', '，'));

    private static string SingleLine(string value) => value.Replace("\r", " ").Replace("\n", " ").Trim();
}
