using NetTopologySuite.Geometries;
using OneBlueprint.Formats.Shapefile.Dbf;
using OneBlueprint.Formats.Shapefile.Prj;
using OneBlueprint.Formats.Shapefile.Shp;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.Shapefile;

/// <summary>
/// Reads a loaded <see cref="ShapefileBundle"/> into a <see cref="FeatureSet"/>: SRID from the .prj,
/// geometries from .shp/.shx, attributes from .dbf. Records the .dbf marks deleted are skipped (shape
/// and attributes). Null shapes become empty geometries of the layer's kind, so every feature has a
/// geometry. Feature ids stay null; <see cref="GeoFeature.Source"/> carries the 1-based record number.
/// Metadata: shapefile.shape_type, shapefile.encoding and shapefile.prj (the raw .prj text, so a writer
/// can hand an unrecognised one on unchanged).
/// </summary>
internal static class ShapefileReader
{
    public static FeatureSet Read(ShapefileBundle bundle)
    {
        var shpName = bundle.NameOf(".shp");
        var shp = bundle.Bytes(".shp")!;
        var shx = bundle.Bytes(".shx") ?? throw ShapefileProblems.Error("missing-shx",
            $"{bundle.NameOf(".shx")} is missing: the index of where each record of the .shp starts", shpName,
            "Provide the .shx next to the .shp with the same name (or zip .shp, .shx, .dbf, .prj and .cpg together). " +
            "If it is lost, GDAL can rebuild it: ogr2ogr --config SHAPE_RESTORE_SHX YES fixed.shp broken.shp");
        var dbf = bundle.Bytes(".dbf") ?? throw ShapefileProblems.Error("missing-dbf",
            $"{bundle.NameOf(".dbf")} is missing: the attribute table of the shapefile", shpName,
            "Provide the .dbf next to the .shp with the same name (or zip .shp, .shx, .dbf, .prj and .cpg together).");

        var warnings = new WarningCollector();
        var set = new FeatureSet { Name = bundle.LayerName };
        set.Srid = ReadSrid(bundle, warnings);
        if (bundle.Text(".prj") is { } prjText) set.Metadata["shapefile.prj"] = prjText.Trim();

        var factory = GeometryKit.Factory(set.Srid ?? 0);
        var shapes = ShpReader.Read(shp, shpName, shx, bundle.NameOf(".shx"), factory,
            (record, code, what) => warnings.Add(ShapefileProblems.Warning(code, record > 0 ? $"Record {record}: {what}" : what,
                shpName, ShapefileProblems.HowToFix(code), record > 0 ? record : null)));

        var dbfName = bundle.NameOf(".dbf");
        var table = DbfReader.Open(dbf, dbfName, bundle.Text(".cpg"), bundle.NameOf(".cpg"),
            (record, code, what) => warnings.Add(ShapefileProblems.Warning(code, record > 0 ? $"Record {record}: {what}" : what,
                dbfName, ShapefileProblems.HowToFix(code), record > 0 ? record : null)));
        if (table.RecordCount != shapes.Geometries.Count)
            throw ShapefileProblems.Error("record-count-mismatch",
                $"{shpName} has {shapes.Geometries.Count} shapes (by its .shx) but {dbfName} has {table.RecordCount} attribute records",
                shpName, "The files come from different exports, or one of them is cut short. Export the shapefile again and keep its files together.");

        set.Metadata["shapefile.shape_type"] = shapes.LayerType.ToString();
        set.Metadata["shapefile.encoding"] = $"{table.Encoding.WebName} ({table.EncodingSource})";
        var nullShapes = 0;
        for (var i = 0; i < shapes.Geometries.Count; i++)
        {
            if (table.IsDeleted(i)) continue;
            var geometry = shapes.Geometries[i];
            if (geometry is null) nullShapes++;
            var feature = new GeoFeature(geometry ?? EmptyOf(shapes.LayerType, factory))
            {
                Source = new SourceLocation(shpName, Record: i + 1),
            };
            table.ReadRecord(i, feature.Attributes);
            set.Features.Add(feature);
        }

        if (nullShapes > 0)
            warnings.Add(ShapefileProblems.Warning("null-shapes",
                $"{nullShapes} records have no geometry (Null shape); they were read with empty geometries", shpName,
                "Delete those records or draw their geometry if they should have one."));
        if (ShapeTypes.HasM(shapes.LayerType))
            warnings.Add(ShapefileProblems.Warning("measures-dropped",
                $"the layer is {shapes.LayerType}; its measures (M values) were not kept", shpName,
                "Nothing to do unless the M values matter; keep them in an attribute if they do."));
        set.Warnings.AddRange(warnings.ToList());
        return set;
    }

    private static int? ReadSrid(ShapefileBundle bundle, WarningCollector warnings)
    {
        var prjName = bundle.NameOf(".prj");
        var prj = bundle.Text(".prj");
        if (string.IsNullOrWhiteSpace(prj))
        {
            warnings.Add(ShapefileProblems.Warning("no-prj",
                prj is null ? $"{prjName} is missing, so the coordinate system is unknown" : $"{prjName} is empty, so the coordinate system is unknown",
                prjName,
                "Add the .prj that came with the data, or state the EPSG code when importing (4490 = CGCS2000 lon/lat, 4547 = CGCS2000 3° Gauss-Krüger CM 114°E, 4526 = the same with zone prefix 38)."));
            return null;
        }
        var identity = EsriPrjReader.Identify(prj);
        if (identity.Srid is null)
        {
            warnings.Add(ShapefileProblems.Warning("unknown-prj",
                $"the coordinate system in {prjName} ({identity.Name ?? "unreadable WKT"}) is not one OneBlueprint recognises",
                prjName,
                "State the EPSG code when importing, or re-export the data in CGCS2000 (EPSG:4490) or a CGCS2000 3° Gauss-Krüger zone (EPSG:4513–4554)."));
            return null;
        }
        if (identity.ByEllipsoidOnly)
            warnings.Add(ShapefileProblems.Warning("prj-by-ellipsoid",
                $"the datum named in {prjName} ({identity.Name}) is not known; EPSG:{identity.Srid} was chosen because the ellipsoid matches",
                prjName, "Check the coordinate system; state the EPSG code when importing if EPSG:" + identity.Srid + " is wrong."));
        return identity.Srid;
    }

    private static Geometry EmptyOf(ShapeType type, GeometryFactory factory) => ShapeTypes.Family(type) switch
    {
        ShapeFamily.Point => factory.CreatePoint(),
        ShapeFamily.MultiPoint => factory.CreateMultiPoint(),
        ShapeFamily.PolyLine => factory.CreateLineString(),
        ShapeFamily.Polygon => factory.CreatePolygon(),
        _ => factory.CreateGeometryCollection(),
    };
}
