using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace OneBlueprint.Server.Http;

/// <summary>
/// A table as an Excel workbook (.xlsx, Office Open XML SpreadsheetML): one sheet, a bold-free header row, numbers as
/// numbers, booleans as 是/否 and text as inline strings (no shared-string table: simpler, and every reader supports it).
/// Written by hand with the zip and XML writers .NET has; the package holds only the parts a workbook needs.
/// </summary>
public sealed class XlsxTable(string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, string fileName) : IResult
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = MediaType;
        http.Response.Headers.ContentDisposition = FeatureDownload.Disposition(fileName);
        using var buffer = new MemoryStream();
        Write(buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    public void Write(Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Part(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
            <Default Extension="xml" ContentType="application/xml"/>
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
            </Types>
            """);
        Part(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
            </Relationships>
            """);
        Part(zip, "xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
            </Relationships>
            """);
        var workbook = new StringBuilder();
        using (var w = XmlWriter.Create(workbook, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("workbook", Main);
            w.WriteAttributeString("xmlns", "r", null, Relationships);
            w.WriteStartElement("sheets", Main);
            w.WriteStartElement("sheet", Main);
            w.WriteAttributeString("name", SheetName(sheetName));
            w.WriteAttributeString("sheetId", "1");
            w.WriteAttributeString("id", Relationships, "rId1");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        Part(zip, "xl/workbook.xml", Declaration + workbook);

        var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        using var stream = entry.Open();
        using var sheet = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        sheet.WriteStartDocument(standalone: true);
        sheet.WriteStartElement("worksheet", Main);
        sheet.WriteStartElement("sheetData", Main);
        var r = 1;
        Row(sheet, r++, header.Cast<object?>().ToList());
        foreach (var row in rows) Row(sheet, r++, row);
        sheet.WriteEndElement();
        sheet.WriteEndElement();
        sheet.WriteEndDocument();
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private static void Row(XmlWriter w, int number, IReadOnlyList<object?> cells)
    {
        w.WriteStartElement("row", Main);
        w.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
        for (var c = 0; c < cells.Count; c++)
        {
            var value = cells[c];
            if (value is null) continue;
            w.WriteStartElement("c", Main);
            w.WriteAttributeString("r", Column(c) + number.ToString(CultureInfo.InvariantCulture));
            switch (value)
            {
                case double or float or decimal or int or long when Convert.ToDouble(value, CultureInfo.InvariantCulture) is var d && double.IsFinite(d):
                    w.WriteElementString("v", Main, d.ToString("R", CultureInfo.InvariantCulture));
                    break;
                default:
                    var text = value switch
                    {
                        bool b => b ? "是" : "否",
                        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
                    };
                    w.WriteAttributeString("t", "inlineStr");
                    w.WriteStartElement("is", Main);
                    w.WriteStartElement("t", Main);
                    w.WriteAttributeString("xml", "space", null, "preserve");
                    w.WriteString(XmlSafe(text));
                    w.WriteEndElement();
                    w.WriteEndElement();
                    break;
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    /// <summary>A, B, … Z, AA, AB, …</summary>
    public static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    // Excel refuses sheet names over 31 characters or with []:*?/\
    private static string SheetName(string name) =>
        new string(name.Select(ch => "[]:*?/\\".Contains(ch) ? '_' : ch).Take(31).ToArray()) is { Length: > 0 } s ? s : "Sheet1";

    // XML 1.0 cannot carry most control characters at all; drop them rather than write an unreadable file.
    private static string XmlSafe(string s) => s.Any(ch => ch < 0x20 && ch is not ('\t' or '\n' or '\r'))
        ? new string(s.Where(ch => ch >= 0x20 || ch is '\t' or '\n' or '\r').ToArray())
        : s;

    private static void Part(ZipArchive zip, string name, string xml)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(xml.Replace("\r\n", "\n"));
    }
}
