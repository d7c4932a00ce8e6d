using System.Globalization;
using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// Reads one red-line file: decode → split into sections and parcels → resolve the CRS → build each
/// parcel's geometry → compare declared 点数 and 面积 with the coordinates. Every error of the file is
/// gathered and thrown together as one <see cref="Geo.Problems.InputException"/>; recoverable issues
/// become <see cref="FeatureSet.Warnings"/>.
/// </summary>
internal sealed class RedLineTxtReader(RedLineTxtReadOptions options)
{
    public FeatureSet Read(byte[] bytes, string sourceName)
    {
        var problems = new ProblemCollector(sourceName);
        var (text, encodingName) = RedLineTxtText.Decode(bytes);
        var lines = RedLineTxtText.SplitLines(text);
        if (lines.All(string.IsNullOrWhiteSpace))
        {
            problems.Error(RedLineTxtCodes.Empty, "the file is empty", null,
                "Send a red-line file with [属性描述] and [地块坐标] sections (界址点坐标交换格式).");
            problems.ThrowIfErrors();
        }

        var document = new RedLineTxtParser(problems).Parse(lines);
        if (!document.HasParcelSection)
        {
            problems.Error(RedLineTxtCodes.MissingParcelSection,
                $"the file has no [地块坐标] section (read as {encodingName})", null,
                "Put the line [地块坐标] before the parcel headers and point lines. If the file shows garbled Chinese, save it as UTF-8 or GBK.");
            problems.ThrowIfErrors();
        }
        if (document.Parcels.Count == 0 && !problems.HasErrors)
            problems.Error(RedLineTxtCodes.NoParcels, "[地块坐标] holds no parcel", null,
                "Add at least one parcel: a header such as 5,0.7600,1,地块1,面,,,,@ followed by its point lines 点号,圈号,X,Y.");

        var srid = new RedLineCrsResolver(problems).Resolve(document);
        var factory = GeometryKit.Factory(srid ?? 0);
        var builder = new ParcelGeometryBuilder(factory, problems);
        var set = new FeatureSet { Srid = srid, Name = Path.GetFileNameWithoutExtension(sourceName) };
        foreach (var (key, value) in document.Metadata) set.Metadata[key] = value;

        var record = 0;
        foreach (var parcel in document.Parcels)
        {
            record++;
            var shape = ShapeOf(parcel.Header, problems);
            var (geometry, counts) = builder.Build(parcel, shape);
            CheckPointCount(parcel, counts, problems);
            if (geometry is null) continue;
            if (geometry is Polygon polygon) CheckArea(parcel, polygon, problems);
            set.Features.Add(ToFeature(parcel, geometry, sourceName, record));
        }

        WarnDuplicateNumbers(document, problems);
        problems.ThrowIfErrors();
        set.Warnings.AddRange(problems.Warnings);
        return set;
    }

    private static ParcelShape ShapeOf(ParcelHeader header, ProblemCollector problems)
    {
        if (ParcelShapes.Parse(header.ShapeType) is { } shape) return shape;
        problems.Warning(RedLineTxtCodes.UnknownShapeType,
            $"图形属性 '{header.ShapeType}' of {header.Label} is not 点, 线 or 面; the parcel is read as a polygon (面)",
            header.Line.Number, "Write 面 (polygon), 线 (line) or 点 (point), or leave the field empty for a polygon.");
        return ParcelShape.Polygon;
    }

    private static void CheckPointCount(RawParcel parcel, PointCounts counts, ProblemCollector problems)
    {
        if (parcel.Header.DeclaredPointCount is not { } declared || counts.Matches(declared)) return;
        problems.Warning(RedLineTxtCodes.PointCount,
            $"{parcel.Header.Label} (header {parcel.Header.Line.Quoted}) declares 点数 {declared} but has {counts.Rows} point lines ({counts.Open} distinct boundary points)",
            parcel.Header.Line.Number,
            $"Check for missing or extra point lines; if the coordinates are right, set 点数 to {counts.Rows}.");
    }

    private void CheckArea(RawParcel parcel, Polygon polygon, ProblemCollector problems)
    {
        if (parcel.Header.DeclaredHectares is not { } declared) return;
        var computed = AreaUnits.ToHectares(polygon.Area);
        // The small slack keeps a difference of exactly the tolerance from warning on floating-point noise.
        if (Math.Abs(computed - declared) <= options.DeclaredAreaToleranceHectares + 1e-9) return;
        problems.Warning(RedLineTxtCodes.DeclaredArea,
            string.Format(CultureInfo.InvariantCulture,
                "{0} (header {1}) declares 面积 {2} ha but its boundary encloses {3:0.0000} ha (difference {4:+0.0000;-0.0000} ha, tolerance {5} ha)",
                parcel.Header.Label, parcel.Header.Line.Quoted, parcel.Header.Fields[1], computed, computed - declared, options.DeclaredAreaToleranceHectares),
            parcel.Header.Line.Number,
            "Check the coordinates and the declared area (hectares, planar Gauss-Krüger area); correct whichever is wrong.");
    }

    private static GeoFeature ToFeature(RawParcel parcel, Geometry geometry, string sourceName, int record)
    {
        var header = parcel.Header;
        var feature = new GeoFeature(geometry)
        {
            Id = header.Number,
            Source = new SourceLocation(sourceName, header.Line.Number, record),
        };
        var names = RedLineTxtFields.HeaderFields;
        for (var i = 0; i < Math.Max(names.Count, header.Fields.Count); i++)
        {
            var name = i < names.Count ? names[i] : RedLineTxtFields.ExtraField(i + 1);
            feature.Attributes[name] = i switch
            {
                0 => header.DeclaredPointCount,
                1 => header.DeclaredHectares,
                _ => header.Field(i),
            };
        }
        return feature;
    }

    private static void WarnDuplicateNumbers(RawDocument document, ProblemCollector problems)
    {
        foreach (var group in document.Parcels.Where(p => p.Header.Number is not null).GroupBy(p => p.Header.Number).Where(g => g.Count() > 1))
        {
            var lines = string.Join(", ", group.Select(p => p.Header.Line.Number));
            problems.Warning(RedLineTxtCodes.DuplicateParcelNumber,
                $"{group.Count()} parcels share 地块编号 {group.Key} (headers at lines {lines})", group.First().Header.Line.Number,
                "Give each parcel its own 地块编号 so results can be traced back to it.");
        }
    }
}
