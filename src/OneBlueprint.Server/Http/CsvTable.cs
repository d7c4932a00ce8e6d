using System.Globalization;
using System.Text;

namespace OneBlueprint.Server.Http;

/// <summary>
/// A table as CSV that Excel opens correctly: UTF-8 with a byte-order mark (without it Excel reads Chinese as GBK
/// garbage), CRLF line ends, RFC 4180 quoting, and text cells that begin with = + - @ prefixed with an apostrophe so
/// a spreadsheet never runs them as formulas (CSV injection). Numbers are written invariant, unquoted.
/// </summary>
public sealed class CsvTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, string fileName) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = FeatureDownload.Disposition(fileName);
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        await writer.WriteAsync(Line(header));
        foreach (var row in rows) await writer.WriteAsync(Line(row));
    }

    public static string Line(IEnumerable<object?> cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    public static string Cell(object? value) => value switch
    {
        null => "",
        bool b => b ? "是" : "否",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        long or int or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Text(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r') s = "'" + s;
        return s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
