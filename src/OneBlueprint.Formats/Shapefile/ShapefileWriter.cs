using System.Text;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats.Shapefile.Dbf;
using OneBlueprint.Formats.Shapefile.Prj;
using OneBlueprint.Formats.Shapefile.Shp;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.Shapefile;

/// <summary>
/// Writes a feature set as .shp, .shx, .dbf, .cpg and (when the SRID has one) .prj through a sink that
/// opens one stream per file extension. Everything that can reject the input (geometry kinds, number
/// of fields, record length) is decided before the first byte is written.
/// </summary>
internal static class ShapefileWriter
{
    /// <param name="open">Called once per file with its extension (".shp", …) and the code that fills it; the .shp stream must be seekable.</param>
    /// <param name="file">Name for messages (the .shp path or zip entry).</param>
    /// <summary>What <see cref="ShapefileTextEncoding.Auto"/> means for this set (see there).</summary>
    public static ShapefileTextEncoding Resolve(ShapefileTextEncoding requested, FeatureSet set)
    {
        if (requested != ShapefileTextEncoding.Auto) return requested;
        const int maxNameBytes = 10;
        var gb18030 = DbfTextEncoding.Gb18030;
        var names = set.Features.SelectMany(f => f.Attributes.Keys).Distinct();
        return names.Any(n => Encoding.UTF8.GetByteCount(n) > maxNameBytes && gb18030.GetByteCount(n) <= maxNameBytes)
            ? ShapefileTextEncoding.Gb18030
            : ShapefileTextEncoding.Utf8;
    }

    public static ShapefileWriteReport Write(FeatureSet set, ShapefileWriteOptions options, Action<string, Action<Stream>> open, string file)
    {
        var warnings = new WarningCollector();
        void Warn(string code, string what) =>
            warnings.Add(ShapefileProblems.Warning(code, what, file, ShapefileProblems.HowToFix(code)));

        var (encoding, cpg, ldid) = Resolve(options.Encoding, set) == ShapefileTextEncoding.Gb18030
            ? (DbfTextEncoding.Gb18030, "GB18030", DbfTextEncoding.LdidGbk)
            : (DbfTextEncoding.Utf8, "UTF-8", (byte)0);

        var geometries = set.Features.Select(f => (Geometry?)f.Geometry).ToList();
        var type = ShpWriter.LayerType(geometries, file);
        var columns = DbfColumnPlanner.Plan(set.Features, encoding, Warn);
        var (prj, prjSource) = Prj(set, file, warnings);

        open(".dbf", stream => DbfWriter.Write(stream, set.Features, columns, encoding, ldid, file));
        open(".shp", shp => open(".shx", shx => ShpWriter.Write(shp, shx, geometries, type, file)));
        open(".cpg", stream => stream.Write(Encoding.ASCII.GetBytes(cpg)));
        if (prj is not null) open(".prj", stream => stream.Write(Encoding.ASCII.GetBytes(prj)));

        return new ShapefileWriteReport
        {
            ShapeType = type.ToString(),
            Records = set.Features.Count,
            Encoding = cpg,
            Prj = prjSource,
            Fields = columns.Select(c => new ShapefileField(c.Attribute, c.Name, c.Type, c.Length, c.Decimals)).ToList(),
            Warnings = warnings.ToList(),
        };
    }

    private static (string? Text, string? Source) Prj(FeatureSet set, string file, WarningCollector warnings)
    {
        if (set.Srid is { } srid)
        {
            if (EsriPrjWriter.ToEsriWkt(srid) is { } wkt) return (wkt, $"EPSG:{srid}");
            warnings.Add(ShapefileProblems.Warning("no-prj-written",
                $"no .prj was written: OneBlueprint has no ESRI WKT for EPSG:{srid}", file,
                "Tell the receiver the coordinate system, or reproject to EPSG:4490 or a CGCS2000 3° Gauss-Krüger zone before exporting."));
            return (null, null);
        }
        if (set.Metadata.TryGetValue("shapefile.prj", out var original) && !string.IsNullOrWhiteSpace(original))
            return (original, "copied from the source .prj");
        warnings.Add(ShapefileProblems.Warning("no-prj-written",
            "no .prj was written: the feature set's coordinate system is unknown (no SRID)", file,
            "Set the SRID of the data before exporting, or tell the receiver the coordinate system."));
        return (null, null);
    }
}
