using System.Buffers.Binary;
using System.Text;
using OneBlueprint.Geo.Features;

namespace OneBlueprint.Formats.Shapefile.Dbf;

/// <summary>
/// Writes a dBASE III .dbf: header (version 3, today's date, record count, lengths, LDID), field
/// descriptors, 0x0D, the records, 0x1A. Nulls are written so GDAL and this reader both read them as
/// null (see <see cref="WriteNull"/>). Text is left-aligned, numbers right-aligned, as dBASE does.
/// </summary>
internal static class DbfWriter
{
    /// <summary>Most fields a .dbf should hold: GDAL, ArcGIS and dBASE tools read at most 255.</summary>
    public const int MaxFields = 255;

    public static void Write(Stream target, IReadOnlyList<GeoFeature> features, IReadOnlyList<DbfColumn> columns,
        Encoding encoding, byte ldid, string file)
    {
        if (columns.Count > MaxFields)
            throw ShapefileProblems.Error("too-many-fields",
                $"The features have {columns.Count} attributes; a .dbf holds at most {MaxFields} fields", file,
                "Drop or merge attributes before exporting, or export to GeoPackage, which has no such limit.", statusCode: 422);
        var recordLength = 1 + columns.Sum(c => c.Length);
        if (recordLength > ushort.MaxValue)
            throw ShapefileProblems.Error("record-too-long",
                $"The attributes need {recordLength} bytes per record; a .dbf record holds at most {ushort.MaxValue}", file,
                "Shorten long text attributes or export to GeoPackage.", statusCode: 422);
        var headerLength = 32 + 32 * columns.Count + 1;

        var header = new byte[headerLength];
        var today = DateTime.UtcNow;
        header[0] = 0x03;
        header[1] = (byte)(today.Year - 1900);
        header[2] = (byte)today.Month;
        header[3] = (byte)today.Day;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)features.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)headerLength);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), (ushort)recordLength);
        header[29] = ldid;
        for (var i = 0; i < columns.Count; i++)
        {
            var descriptor = header.AsSpan(32 + 32 * i, 32);
            columns[i].NameBytes.CopyTo(descriptor);
            descriptor[11] = (byte)columns[i].Type;
            descriptor[16] = (byte)columns[i].Length;
            descriptor[17] = (byte)columns[i].Decimals;
        }
        header[^1] = 0x0D;
        target.Write(header);

        var record = new byte[recordLength];
        foreach (var feature in features)
        {
            Array.Fill(record, (byte)' ');
            var offset = 1;
            foreach (var column in columns)
            {
                var field = record.AsSpan(offset, column.Length);
                offset += column.Length;
                var value = feature.Attributes.TryGetValue(column.Attribute, out var v) ? v : null;
                if (value is null)
                {
                    WriteNull(field, column.Kind);
                    continue;
                }
                if (column.Kind == DbfColumnKind.Text)
                {
                    TextBytes.Truncate(DbfColumn.AsText(value), encoding, column.Length).Bytes.CopyTo(field);
                    continue;
                }
                var text = column.FormatNonText(value);
                if (text is null)
                {
                    WriteNull(field, column.Kind);
                    continue;
                }
                Encoding.ASCII.GetBytes(text).CopyTo(field[(column.Length - text.Length)..]);
            }
            target.Write(record);
        }
        target.WriteByte(0x1A);
    }

    /// <summary>Nulls as shapelib/GDAL write them: blank, except '?' for logical and "00000000" for dates (GDAL skips a blank date instead of reading null).</summary>
    private static void WriteNull(Span<byte> field, DbfColumnKind kind)
    {
        if (kind == DbfColumnKind.Logical) field[0] = (byte)'?';
        else if (kind == DbfColumnKind.Date) field.Fill((byte)'0');
    }
}
