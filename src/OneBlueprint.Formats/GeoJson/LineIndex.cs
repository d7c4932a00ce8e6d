using System.Text;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>
/// Turns byte offsets into 1-based line and column numbers for messages. Utf8JsonReader gives only byte
/// offsets; the index of line starts is built once, on the first problem, so clean files never pay for it.
/// Columns count characters (UTF-16), so a column after Chinese text matches what an editor shows.
/// </summary>
internal sealed class LineIndex
{
    private readonly int[] _lineStarts;

    // Memo of the last column computed, so many problems on one long line (minified GeoJSON) cost one pass.
    private int _memoOffset = -1, _memoColumn;

    private LineIndex(int[] lineStarts) => _lineStarts = lineStarts;

    public static LineIndex Build(ReadOnlySpan<byte> data)
    {
        var starts = new List<int> { 0 };
        var position = 0;
        int next;
        while ((next = data[position..].IndexOf((byte)'\n')) >= 0)
        {
            position += next + 1;
            starts.Add(position);
        }
        return new LineIndex(starts.ToArray());
    }

    public int LineOf(int offset)
    {
        var i = Array.BinarySearch(_lineStarts, offset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }

    public (int Line, int Column) Locate(ReadOnlySpan<byte> data, int offset)
    {
        offset = Math.Clamp(offset, 0, data.Length);
        var line = LineOf(offset);
        var lineStart = _lineStarts[line - 1];
        int column;
        if (_memoOffset >= lineStart && _memoOffset <= offset)
            column = _memoColumn + Encoding.UTF8.GetCharCount(data[_memoOffset..offset]);
        else
            column = 1 + Encoding.UTF8.GetCharCount(data[lineStart..offset]);
        (_memoOffset, _memoColumn) = (offset, column);
        return (line, column);
    }

    /// <summary>Offset of the start of a 1-based line (for JsonException positions, which are per line).</summary>
    public int StartOf(int line) => _lineStarts[Math.Clamp(line, 1, _lineStarts.Length) - 1];
}
