using System.Globalization;
using System.Text;

namespace OneBlueprint.DemoCity;

/// <summary>
/// A small, valid one-page PDF 1.4 of text lines (Helvetica, WinAnsi; characters outside Latin-1 become '?'), with a
/// correct cross-reference table, so PDF readers (poppler's pdfinfo/pdftotext, browsers) open it. No dates or ids:
/// the same lines always give the same bytes. Used for the demo city's assessment result documents.
/// </summary>
public static class MinimalPdf
{
    public static byte[] Write(string title, IReadOnlyList<string> lines)
    {
        var content = new StringBuilder();
        content.Append("BT\n/F1 16 Tf\n56 780 Td\n").Append('(').Append(Escape(title)).Append(") Tj\n/F1 11 Tf\n");
        foreach (var line in lines) content.Append("0 -20 Td\n(").Append(Escape(line)).Append(") Tj\n");
        content.Append("ET\n");
        var stream = Latin1(content.ToString());

        var objects = new List<byte[]>
        {
            Latin1("<< /Type /Catalog /Pages 2 0 R >>"),
            Latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"),
            Latin1("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
            Latin1(string.Create(CultureInfo.InvariantCulture, $"<< /Length {stream.Length} >>\nstream\n")).Concat(stream).Concat(Latin1("endstream")).ToArray(),
            Latin1($"<< /Title ({Escape(title)}) /Producer (OneBlueprint.DemoCity) >>"),
        };

        using var pdf = new MemoryStream();
        void Put(string s) => pdf.Write(Latin1(s));
        Put("%PDF-1.4\n");
        pdf.Write([0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]); // binary comment: marks the file as binary for transfer tools
        var offsets = new long[objects.Count];
        for (var i = 0; i < objects.Count; i++)
        {
            offsets[i] = pdf.Position;
            Put(string.Create(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            Put("\nendobj\n");
        }
        var xref = pdf.Position;
        Put(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets) Put(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        Put(string.Create(CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R /Info {objects.Count} 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '(' or ')' or '\\') sb.Append('\\').Append(c);
            else sb.Append(c is >= ' ' and <= '\u00FF' ? c : '?');
        }
        return sb.ToString();
    }

    private static byte[] Latin1(string s) => Encoding.Latin1.GetBytes(s);
}
