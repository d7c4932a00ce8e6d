using System.Globalization;

namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// Splits the lines of a red-line file into sections, key/values, parcel headers and point lines,
/// without interpreting coordinates. In [地块坐标] a line is a parcel header when it ends with the @
/// field (or, @ forgotten, has eight or more fields), and a point line when it has four to seven fields.
/// </summary>
internal sealed class RedLineTxtParser(ProblemCollector problems)
{
    /// <summary>Fewer data fields than this (点数,面积,地块编号,地块名称) cannot be a parcel header.</summary>
    private const int MinimumHeaderFields = 4;

    private const int HeaderFieldsWithoutTerminator = 8;

    private bool _extraPointFieldsWarned;
    private bool _inRejectedParcel;

    public RawDocument Parse(IReadOnlyList<string> lines)
    {
        var document = new RawDocument();
        string? section = null;
        RawParcel? parcel = null;
        var ignoredBeforeSection = false;

        for (var i = 0; i < lines.Count; i++)
        {
            var line = new TxtLine(i + 1, lines[i]);
            var text = line.Text.Trim();
            if (text.Length == 0) continue;

            if (text.StartsWith('[') && text.EndsWith(']'))
            {
                section = text[1..^1].Trim();
                parcel = null;
                _inRejectedParcel = false;
                if (section == RedLineTxtFields.ParcelSection) document.HasParcelSection = true;
                else if (section is not (RedLineTxtFields.ProjectSection or RedLineTxtFields.DescriptionSection))
                    problems.Warning(RedLineTxtCodes.UnknownSection,
                        $"unknown section [{section}]; its key=value lines are kept as metadata but not written back",
                        line.Number, "Nothing to do if the section is not needed; the known sections are [项目信息], [属性描述] and [地块坐标].");
                continue;
            }

            if (section is null)
            {
                if (!ignoredBeforeSection)
                    problems.Warning(RedLineTxtCodes.IgnoredLine, $"text {line.Quoted} before the first [section] is ignored",
                        line.Number, "Remove it, or start the file with [属性描述].");
                ignoredBeforeSection = true;
            }
            else if (section == RedLineTxtFields.ParcelSection)
                parcel = ParseParcelLine(document, parcel, line);
            else
                ParseKeyValue(document, section, line);
        }
        return document;
    }

    private void ParseKeyValue(RawDocument document, string section, TxtLine line)
    {
        var text = line.Text.Trim();
        var eq = text.IndexOf('=');
        if (eq <= 0)
        {
            problems.Warning(RedLineTxtCodes.IgnoredLine, $"line {line.Quoted} in [{section}] is not key=value and is ignored",
                line.Number, "Write it as 键=值, e.g. 带号=38, or remove it.");
            return;
        }
        var key = RedLineTxtFields.MetadataKey(section, text[..eq].Trim());
        document.Metadata[key] = text[(eq + 1)..].Trim();
        document.MetadataLines[key] = line.Number;
    }

    private RawParcel? ParseParcelLine(RawDocument document, RawParcel? parcel, TxtLine line)
    {
        var fields = line.Text.Split(',').Select(f => f.Trim()).ToArray();
        if (fields[^1] == RedLineTxtFields.HeaderTerminator)
            return StartParcel(document, line, fields[..^1], terminated: true);
        if (fields.Length >= HeaderFieldsWithoutTerminator)
            return StartParcel(document, line, fields, terminated: false);
        if (fields.Length >= 4)
        {
            ParsePoint(parcel, line, fields);
            return parcel;
        }
        problems.Error(RedLineTxtCodes.UnrecognisedLine,
            $"line {line.Quoted} in [地块坐标] is neither a parcel header nor a point line", line.Number,
            "A parcel header reads 点数,面积(公顷),地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@ and a point line 点号,圈号,X(北),Y(东), e.g. J1,1,3846600.000,38465650.000.");
        return parcel;
    }

    private RawParcel? StartParcel(RawDocument document, TxtLine line, string[] fields, bool terminated)
    {
        if (fields.Length < MinimumHeaderFields)
        {
            problems.Error(RedLineTxtCodes.HeaderTooShort,
                $"parcel header {line.Quoted} has {fields.Length} fields before @, at least {MinimumHeaderFields} are needed",
                line.Number, "Write the header as 点数,面积(公顷),地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@ (empty fields are fine: 5,0.7600,1,地块1,面,,,,@).");
            _inRejectedParcel = true;
            return null;
        }
        _inRejectedParcel = false;
        if (!terminated)
            problems.Warning(RedLineTxtCodes.HeaderWithoutTerminator,
                $"parcel header {line.Quoted} does not end with the field @; read as a header because it has {fields.Length} fields",
                line.Number, "End every parcel header with ,@ so other tools read it too.");
        else if (fields.Length < RedLineTxtFields.HeaderFields.Count)
            problems.Warning(RedLineTxtCodes.ShortHeader,
                $"parcel header {line.Quoted} has {fields.Length} fields before @ instead of {RedLineTxtFields.HeaderFields.Count}; the missing ones are read as empty",
                line.Number, "Write all eight fields: 点数,面积(公顷),地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@.");

        var count = ParseOptional(fields[0], line, "点数 (declared point count)", "a whole number such as 66", s =>
            long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : (long?)null);
        var area = ParseOptional(fields[1], line, "面积 (declared area in hectares)", "a number of hectares such as 5.7089", s =>
            TryParseNumber(s, out var v) && v >= 0 ? v : (double?)null);
        var parcel = new RawParcel(new ParcelHeader(line, fields, count, area));
        document.Parcels.Add(parcel);
        return parcel;
    }

    private T? ParseOptional<T>(string field, TxtLine line, string what, string example, Func<string, T?> parse) where T : struct
    {
        if (field.Length == 0) return null;
        var value = parse(field);
        if (value is null)
            problems.Error(RedLineTxtCodes.BadNumber, $"{what} '{field}' in {line.Quoted} is not a valid number", line.Number,
                $"Write {example}, or leave the field empty.");
        return value;
    }

    private void ParsePoint(RawParcel? parcel, TxtLine line, string[] fields)
    {
        if (parcel is null)
        {
            // Point lines of a rejected header are skipped quietly: the header's error says it all.
            if (!_inRejectedParcel)
                problems.Error(RedLineTxtCodes.PointBeforeHeader, $"point line {line.Quoted} comes before any parcel header", line.Number,
                    "Put a parcel header such as 5,0.7600,1,地块1,面,,,,@ before the point lines of each parcel.");
            return;
        }
        if (fields.Skip(4).Any(f => f.Length > 0) && !_extraPointFieldsWarned)
        {
            _extraPointFieldsWarned = true;
            problems.Warning(RedLineTxtCodes.ExtraPointFields, $"point line {line.Quoted} has fields after 点号,圈号,X,Y; they are ignored (reported once per file)",
                line.Number, "Nothing to do if the extra fields are notes; otherwise check the column order.");
        }

        var ok = true;
        if (!int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ring) || ring < 0)
        {
            ok = false;
            problems.Error(RedLineTxtCodes.BadNumber, $"圈号 (ring number) '{fields[1]}' in point line {line.Quoted} is not a whole number", line.Number,
                "Write 1 for the outer boundary and 2, 3, ... for holes (扣除区).");
        }
        if (!TryParseNumber(fields[2], out var north))
        {
            ok = false;
            problems.Error(RedLineTxtCodes.BadNumber, $"X (northing) '{fields[2]}' in point line {line.Quoted} is not a number", line.Number,
                "Write the northing in metres with a dot for decimals, e.g. 3353189.181.");
        }
        if (!TryParseNumber(fields[3], out var east))
        {
            ok = false;
            problems.Error(RedLineTxtCodes.BadNumber, $"Y (easting) '{fields[3]}' in point line {line.Quoted} is not a number", line.Number,
                "Write the easting in metres with a dot for decimals, e.g. 40520986.477 (zone prefix included or not).");
        }
        if (ok) parcel.Points.Add(new PointRow(line, fields[0], ring, north, east));
    }

    internal static bool TryParseNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
