using System.Text.Json;
using System.Text.Unicode;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>Where problems are: byte offsets turned into line, column and JSON path.</summary>
internal ref partial struct GeoJsonParser
{
    private LineIndex Lines => _lines ??= LineIndex.Build(_data);

    /// <summary>Offset in the whole text of the reader's current token.</summary>
    private readonly int Abs(ref Utf8JsonReader r) => _base + (int)r.TokenStartIndex;

    private SourceLocation At(int offset, double? x = null, double? y = null) =>
        new(_problems.SourceName, Lines.Locate(_data, offset).Line, X: x, Y: y);

    /// <summary>The problem text with the JSON path and column appended, since SourceLocation has neither.</summary>
    private string Placed(string what, int offset) => $"{what}{LocationSeparator}{_path}, column {Lines.Locate(_data, offset).Column}";

    public const string LocationSeparator = " — at ";

    private void Error(string code, string what, int offset, string howToFix, double? x = null, double? y = null) =>
        _problems.Error(code, Placed(what, offset), At(offset, x, y), howToFix);

    private void Warning(string code, string what, int offset, string howToFix, double? x = null, double? y = null)
    {
        if (_problems.Seen(code)) { _problems.CountAgain(code); return; }
        _problems.Warning(code, Placed(what, offset), At(offset, x, y), howToFix);
    }

    private void GroupedError(string code, string what, int offset, string howToFix, double? x = null, double? y = null)
    {
        if (_problems.Seen(code)) { _problems.CountAgain(code); return; }
        _problems.GroupedError(code, Placed(what, offset), At(offset, x, y), howToFix);
    }

    private void ReportInvalidJson(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        SourceLocation where;
        var column = "";
        if (e.LineNumber is { } line0 && e.BytePositionInLine is { } byte0)
        {
            var offset = Lines.StartOf((int)line0 + 1) + (int)byte0;
            var (line, col) = Lines.Locate(_data, offset);
            where = new SourceLocation(_problems.SourceName, line);
            column = $" (column {col})";
        }
        else where = new SourceLocation(_problems.SourceName);
        _problems.Error(GeoJsonCodes.InvalidJson, $"the text is not valid JSON: {message.TrimEnd('.')}{column}", where,
            "Fix the JSON syntax there: a missing comma, quote or bracket is the usual cause (a JSON validator shows the same place).");
    }

    /// <summary>Offset of the first byte that is not valid UTF-8, or null when the whole text is valid.</summary>
    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> data)
    {
        if (Utf8.IsValid(data)) return null;
        Span<char> buffer = stackalloc char[4096];
        var offset = 0;
        while (offset < data.Length)
        {
            var status = Utf8.ToUtf16(data[offset..], buffer, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            if (status == System.Buffers.OperationStatus.InvalidData || status == System.Buffers.OperationStatus.NeedMoreData)
                return offset + read;
            offset += read;
            if (status == System.Buffers.OperationStatus.Done) break;
        }
        return null;
    }
}
