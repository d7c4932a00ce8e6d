using System.Globalization;
using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// Works out the EPSG code of a red-line file from its declarations (坐标系, 几度分带, 带号) and its
/// eastings. Whether the eastings carry the zone prefix (8 digits, ≥ zone×1,000,000) picks the prefixed
/// or the plain variant of the zone's system; a prefix also supplies the zone when 带号 is missing, and
/// contradicts it when they differ. Only 3° zones are supported. Returns null (with a warning) when the
/// file does not say enough; the caller must then ask for the CRS.
/// </summary>
internal sealed class RedLineCrsResolver(ProblemCollector problems)
{
    private const double PrefixedThreshold = 10_000_000.0;
    private const double PlainMinimum = 100_000.0;
    private const double PlainMaximum = 1_000_000.0;

    public int? Resolve(RawDocument document)
    {
        if (!CheckZoneWidth(document)) return null;
        CheckProjectionAndUnit(document);
        var declaredZone = DeclaredZone(document);
        var prefix = EastingPrefix(document);
        if (prefix is null) return null; // errors already reported

        int? zone = declaredZone?.Zone;
        if (prefix.Value.Zone is { } prefixZone)
        {
            if (declaredZone is { } declared && declared.Zone != prefixZone)
            {
                problems.Error(RedLineTxtCodes.ZoneConflict,
                    $"带号={declared.Zone} (line {declared.Line}) contradicts the eastings, which carry zone prefix {prefixZone} (first at line {prefix.Value.Line}: {prefix.Value.Easting.ToString("0.###", CultureInfo.InvariantCulture)})",
                    declared.Line,
                    $"Check which is right: if the coordinates are in zone {prefixZone}, set 带号={prefixZone}; otherwise the coordinates belong to another zone and must be re-surveyed or transformed.");
                return null;
            }
            zone = prefixZone;
        }

        var datum = RedLineDatumNames.Parse(document.Description(RedLineTxtFields.CoordinateSystemKey)?.Value);
        if (datum is null)
        {
            var declared = document.Description(RedLineTxtFields.CoordinateSystemKey);
            problems.Warning(RedLineTxtCodes.CrsUndeclared,
                declared is null
                    ? "[属性描述] has no 坐标系, so the file's coordinate system is unknown"
                    : $"坐标系={declared.Value.Value} is not a datum OneBlueprint knows (2000国家大地坐标系, 1980西安坐标系, 1954北京坐标系)",
                declared?.Line,
                "Add 坐标系=2000国家大地坐标系 (or 80西安坐标系 / 54北京坐标系) to [属性描述], or give the CRS explicitly when importing (--crs EPSG:....).");
            return null;
        }
        if (zone is null)
        {
            problems.Warning(RedLineTxtCodes.ZoneMissing,
                "[属性描述] has no 带号 and the eastings carry no zone prefix, so the Gauss-Krüger zone is unknown", null,
                "Add 带号=NN (the 3° zone, e.g. 38 for central meridian 114°E) to [属性描述], or give the CRS explicitly when importing (--crs EPSG:....).");
            return null;
        }
        return CrsCatalog.GaussKrugerSrid(datum.Value, zone.Value, prefix.Value.Zone is not null);
    }

    private bool CheckZoneWidth(RawDocument document)
    {
        if (document.Description(RedLineTxtFields.ZoneWidthKey) is not (string text, int line)) return true;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits == "3") return true;
        if (digits == "6")
            problems.Error(RedLineTxtCodes.SixDegreeZone,
                $"几度分带={text}: 6° Gauss-Krüger zones are not supported", line,
                "Convert the coordinates to the 3° zone the city uses (in the survey software, or with cs2cs/ogr2ogr from the 6° system — CGCS2000 6° is EPSG:4491–4501 with prefix, 4502–4512 without — to the 3° one, e.g. EPSG:4547), then write 几度分带=3 and the 3° 带号.");
        else
            problems.Error(RedLineTxtCodes.ZoneWidth, $"几度分带={text} is not a zone width OneBlueprint knows", line,
                "Write 几度分带=3 for 3° Gauss-Krüger zones (the only width supported).");
        return false;
    }

    private void CheckProjectionAndUnit(RawDocument document)
    {
        if (document.Description(RedLineTxtFields.ProjectionKey) is (string projection, int projectionLine)
            && !new[] { "高斯", "GAUSS", "墨卡托", "MERCATOR" }.Any(projection.ToUpperInvariant().Contains))
            problems.Warning(RedLineTxtCodes.Projection, $"投影类型={projection} is not Gauss-Krüger; the coordinates are read as Gauss-Krüger anyway",
                projectionLine, "Check the file really holds 3° Gauss-Krüger coordinates (投影类型=高斯克吕格).");
        if (document.Description(RedLineTxtFields.UnitKey) is (string unit, int unitLine)
            && unit is not ("米" or "m" or "M" or "metre" or "meter"))
            problems.Warning(RedLineTxtCodes.Unit, $"计量单位={unit} is not metres; the coordinates are read as metres anyway",
                unitLine, "Check the coordinates are in metres (计量单位=米).");
    }

    private (int Zone, int Line)? DeclaredZone(RawDocument document)
    {
        if (document.Description(RedLineTxtFields.ZoneKey) is not (string text, int line)) return null;
        var digits = text.Trim().TrimEnd('带').Trim();
        if (!int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var zone))
        {
            problems.Error(RedLineTxtCodes.BadZone, $"带号={text} is not a zone number", line,
                "Write the 3° zone number, e.g. 带号=38 (central meridian = 3 × 带号 degrees east).");
            return null;
        }
        if (zone < CrsCatalog.FirstZone || zone > CrsCatalog.LastZone)
        {
            problems.Error(RedLineTxtCodes.BadZone,
                $"带号={zone} is outside the 3° zones of China ({CrsCatalog.FirstZone}–{CrsCatalog.LastZone}, 75°E–135°E)", line,
                zone is >= 13 and <= 23
                    ? "It looks like a 6° zone number: convert the coordinates to the 3° zone and write that 带号 (and 几度分带=3)."
                    : "Write the 3° zone number, e.g. 带号=38 (central meridian = 3 × 带号 degrees east).");
            return null;
        }
        return (zone, line);
    }

    /// <summary>
    /// The zone carried by the eastings (null Zone when they are plain 6-digit eastings), with the first
    /// point line as evidence; null after reporting eastings that are mixed or implausible.
    /// </summary>
    private (int? Zone, int Line, double Easting)? EastingPrefix(RawDocument document)
    {
        (int? Zone, int Line, double Easting)? first = null;
        var ok = true;
        foreach (var point in document.Parcels.SelectMany(p => p.Points))
        {
            int? zone = null;
            if (point.Easting >= PrefixedThreshold)
            {
                zone = CrsCatalog.ZoneFromEasting(point.Easting);
                if (zone is null)
                {
                    ImplausibleEasting(point, $"its zone prefix {Math.Floor(point.Easting / 1_000_000)} is outside the 3° zones {CrsCatalog.FirstZone}–{CrsCatalog.LastZone}");
                    ok = false;
                    continue;
                }
            }
            else if (point.Easting < PlainMinimum || point.Easting >= PlainMaximum)
            {
                ImplausibleEasting(point, point.Northing >= PrefixedThreshold || point.Northing is >= PlainMinimum and < PlainMaximum
                    ? "X looks like an easting: are the X (north) and Y (east) columns swapped?"
                    : "a 3° Gauss-Krüger easting is about 500000 (or 8 digits with the zone prefix, e.g. 38465650)");
                ok = false;
                continue;
            }

            if (first is null) first = (zone, point.Line.Number, point.Easting);
            else if (first.Value.Zone != zone && ok)
            {
                ok = false;
                problems.Error(RedLineTxtCodes.MixedPrefix,
                    zone is null || first.Value.Zone is null
                        ? $"easting {Format(point.Easting)} in {point.Line.Quoted} {(zone is null ? "has no zone prefix" : "has a zone prefix")}, unlike the easting at line {first.Value.Line} ({Format(first.Value.Easting)})"
                        : $"easting {Format(point.Easting)} in {point.Line.Quoted} carries zone {zone}, but the easting at line {first.Value.Line} ({Format(first.Value.Easting)}) carries zone {first.Value.Zone}",
                    point.Line.Number,
                    "All eastings of a file must be in one zone and either all carry the zone prefix or none; correct this line or split the file.");
            }
        }
        if (first is null && ok)
            return (null, 0, 0); // no points at all: reported elsewhere
        return ok ? first : null;
    }

    private void ImplausibleEasting(PointRow point, string why) =>
        problems.Error(RedLineTxtCodes.ImplausibleEasting,
            $"Y (easting) {Format(point.Easting)} in {point.Line.Quoted} is not a 3° Gauss-Krüger easting: {why}",
            point.Line.Number,
            "Point lines read 点号,圈号,X(northing),Y(easting), e.g. J1,1,3846600.000,38465650.000; fix the coordinate or the column order.");

    private static string Format(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
