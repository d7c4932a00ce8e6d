using System.Buffers.Binary;

namespace OneBlueprint.Formats.Shapefile.Shp;

/// <summary>
/// Reads the little-endian content of one .shp record, never past the record's declared end: a value
/// that would cross it becomes a "truncated record" error naming the record and byte offset, never an
/// IndexOutOfRangeException.
/// </summary>
internal sealed class ShpRecordCursor
{
    private readonly byte[] _bytes;
    private readonly int _end;
    private readonly string _file;

    public ShpRecordCursor(byte[] bytes, int start, int end, string file, int record)
    {
        _bytes = bytes;
        Position = start;
        _end = end;
        _file = file;
        Record = record;
    }

    public int Record { get; }

    public int Position { get; private set; }

    public int Remaining => _end - Position;

    public int ReadInt32(string what)
    {
        Require(4, what);
        var value = BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(Position));
        Position += 4;
        return value;
    }

    public double ReadDouble(string what)
    {
        Require(8, what);
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_bytes.AsSpan(Position));
        Position += 8;
        return value;
    }

    public void Skip(long count, string what)
    {
        Require(count, what);
        Position += (int)count;
    }

    /// <summary>Fails unless <paramref name="count"/> more bytes lie inside the record.</summary>
    public void Require(long count, string what)
    {
        if (count > Remaining)
            throw ShapefileProblems.Error("truncated-record",
                $"Record {Record} ends at byte offset {_end} but needs {count} more bytes from offset {Position} for {what}",
                _file,
                "The record's declared length does not match its content: the file is damaged. Repair it in GIS software (e.g. QGIS \"Check validity\" or ogr2ogr) or export it again.",
                Record);
    }

    /// <summary>An error about the content of this record, naming it and the current byte offset.</summary>
    public Geo.Problems.InputException Error(string code, string what, string howToFix) =>
        ShapefileProblems.Error(code, $"Record {Record} (byte offset {Position}): {what}", _file, howToFix, Record);
}
