using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace OneBlueprint.Formats.Shapefile.Dbf;

/// <summary>
/// Reads a dBASE III .dbf held in memory: header, field descriptors, then records on demand.
/// <para>
/// Text encoding: the .cpg wins, then the LDID byte; when neither says anything the text is taken as
/// UTF-8 if every character field (and field name) is valid UTF-8, otherwise as GB18030 — Chinese files
/// without a .cpg are nearly always GBK, and a GBK text is almost never valid UTF-8 by accident.
/// </para>
/// <para>
/// Values: C → string (trailing blanks cut; all blank → null), N without decimals → long, N with
/// decimals and F → double, L → bool, D → DateOnly. Blank, '*'-filled (overflow) and "00000000" dates are
/// null. Memo and other binary field types are skipped with one warning each.
/// </para>
/// </summary>
internal sealed class DbfReader
{
    private const byte HeaderTerminator = 0x0D;
    private const int DescriptorLength = 32;

    private readonly byte[] _bytes;
    private readonly string _name;
    private readonly int _headerLength;
    private readonly int _recordLength;
    private readonly Action<int, string, string> _warn;

    private DbfReader(byte[] bytes, string name, int headerLength, int recordLength, int recordCount,
        Action<int, string, string> warn)
    {
        _bytes = bytes;
        _name = name;
        _headerLength = headerLength;
        _recordLength = recordLength;
        RecordCount = recordCount;
        _warn = warn;
    }

    public int RecordCount { get; }

    /// <summary>Fields that become attributes, in file order (unsupported types left out).</summary>
    public IReadOnlyList<DbfField> Fields { get; private set; } = [];

    public Encoding Encoding { get; private set; } = DbfTextEncoding.Utf8;

    /// <summary>Where <see cref="Encoding"/> came from, for metadata and messages (".cpg \"GBK\"", "LDID 0x4D", "detected").</summary>
    public string EncodingSource { get; private set; } = "";

    /// <param name="warn">Receives (record, code, what); record 0 means the file as a whole.</param>
    public static DbfReader Open(byte[] bytes, string name, string? cpg, string cpgName, Action<int, string, string> warn)
    {
        if (bytes.Length < DescriptorLength)
            throw ShapefileProblems.Truncated(name, $"The 32-byte dBASE header is expected, the file has only {bytes.Length} bytes;", bytes.Length);
        var recordCount64 = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        int recordLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(10));
        if (headerLength < DescriptorLength + 1)
            throw ShapefileProblems.Error("bad-dbf", $"The dBASE header declares a header length of {headerLength} bytes (at least 33 are needed)",
                name, "The .dbf is damaged or not a dBASE file. Export the shapefile again.");
        if (recordCount64 > int.MaxValue || (recordCount64 > 0 && recordLength == 0))
            throw ShapefileProblems.Error("bad-dbf", $"The dBASE header declares {recordCount64} records of {recordLength} bytes",
                name, "The .dbf is damaged. Export the shapefile again.");
        if (headerLength > bytes.Length)
            throw ShapefileProblems.Truncated(name, $"The dBASE header declares {headerLength} header bytes;", bytes.Length);
        var dataLength = (long)recordCount64 * recordLength;
        if (headerLength + dataLength > bytes.Length)
        {
            var complete = recordLength == 0 ? 0 : (bytes.Length - headerLength) / recordLength;
            throw ShapefileProblems.Truncated(name,
                $"The header declares {recordCount64} records of {recordLength} bytes; record {complete + 1} starts",
                headerLength + (long)complete * recordLength, (int)Math.Min(int.MaxValue, complete + 1));
        }

        var reader = new DbfReader(bytes, name, headerLength, recordLength, (int)recordCount64, warn);
        var raw = reader.ReadDescriptors();
        reader.ChooseEncoding(cpg, cpgName, bytes[29], raw);
        reader.Fields = reader.NameFields(raw);
        return reader;
    }

    public bool IsDeleted(int index) => _bytes[RecordStart(index)] == (byte)'*';

    /// <summary>Adds the values of record <paramref name="index"/> (0-based) to <paramref name="into"/>.</summary>
    public void ReadRecord(int index, OrderedDictionary<string, object?> into)
    {
        var start = RecordStart(index);
        foreach (var field in Fields)
        {
            var raw = _bytes.AsSpan(start + field.Offset, field.Length);
            into[field.Name] = Decode(field, raw, index + 1);
        }
    }

    private int RecordStart(int index) => _headerLength + index * _recordLength;

    private sealed record RawField(byte[] NameBytes, char Type, int Length, int Decimals, int Offset);

    private List<RawField> ReadDescriptors()
    {
        var fields = new List<RawField>();
        var offset = 1; // byte 0 of a record is the deletion flag
        for (var pos = DescriptorLength; pos + DescriptorLength <= _headerLength && _bytes[pos] != HeaderTerminator; pos += DescriptorLength)
        {
            var nameBytes = _bytes.AsSpan(pos, 11);
            var end = nameBytes.IndexOf((byte)0);
            var field = new RawField(nameBytes[..(end < 0 ? 11 : end)].ToArray(), (char)_bytes[pos + 11], _bytes[pos + 16], _bytes[pos + 17], offset);
            offset += field.Length;
            fields.Add(field);
        }
        if (offset > _recordLength && (RecordCount > 0 || _recordLength > 0))
            throw ShapefileProblems.Error("bad-dbf",
                $"The {fields.Count} fields of the .dbf add up to {offset} bytes per record, but the header declares records of {_recordLength} bytes",
                _name, "The .dbf is damaged. Export the shapefile again.");
        return fields;
    }

    private void ChooseEncoding(string? cpg, string cpgName, byte ldid, List<RawField> fields)
    {
        if (cpg is not null)
        {
            var fromCpg = DbfTextEncoding.FromCpg(cpg);
            if (fromCpg is not null)
            {
                (Encoding, EncodingSource) = (fromCpg, $".cpg \"{cpg.Trim()}\"");
                return;
            }
            _warn(0, "unknown-cpg", $"{cpgName} names the encoding \"{cpg.Trim()}\", which is not known here; the encoding was guessed instead");
        }
        var fromLdid = DbfTextEncoding.FromLdid(ldid);
        if (fromLdid is not null)
        {
            (Encoding, EncodingSource) = (fromLdid, $"LDID 0x{ldid:X2}");
            return;
        }
        if (AllTextIsUtf8(fields))
        {
            (Encoding, EncodingSource) = (DbfTextEncoding.Utf8, "detected (valid UTF-8)");
            return;
        }
        (Encoding, EncodingSource) = (DbfTextEncoding.Gb18030, "detected (not UTF-8, read as GB18030/GBK)");
        _warn(0, "encoding-guessed",
            "the .dbf declares no encoding (no .cpg, LDID 0) and its text is not valid UTF-8, so it was read as GB18030 (GBK)");
    }

    private bool AllTextIsUtf8(List<RawField> fields)
    {
        if (fields.Any(f => !Utf8.IsValid(f.NameBytes))) return false;
        var textFields = fields.Where(f => f.Type is 'C' or 'c').ToList();
        for (var i = 0; i < RecordCount; i++)
        {
            var start = RecordStart(i);
            foreach (var f in textFields)
                if (!Utf8.IsValid(_bytes.AsSpan(start + f.Offset, f.Length))) return false;
        }
        return true;
    }

    private List<DbfField> NameFields(List<RawField> raw)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var fields = new List<DbfField>();
        foreach (var f in raw)
        {
            var stored = Encoding.GetString(f.NameBytes).Trim();
            var type = char.ToUpperInvariant(f.Type);
            if (type is not ('C' or 'N' or 'F' or 'L' or 'D'))
            {
                _warn(0, "unsupported-field",
                    $"field \"{stored}\" has dBASE type '{f.Type}' ({(type == 'M' ? "memo, stored in a .dbt file" : "not dBASE III")}); it was left out");
                continue;
            }
            var name = stored.Length == 0 ? $"FIELD{fields.Count + 1}" : stored;
            for (var n = 2; !used.Add(name); n++) name = $"{stored}_{n}";
            if (name != stored)
                _warn(0, "field-renamed", $"field \"{stored}\" is empty or repeats an earlier name; it was read as \"{name}\"");
            fields.Add(new DbfField(name, type, f.Length, f.Decimals, f.Offset));
        }
        return fields;
    }

    private object? Decode(DbfField field, ReadOnlySpan<byte> raw, int record)
    {
        switch (field.Type)
        {
            case 'C':
            {
                var end = raw.Length;
                while (end > 0 && raw[end - 1] is (byte)' ' or 0) end--;
                return end == 0 ? null : Encoding.GetString(raw[..end]);
            }
            case 'L':
            {
                var text = Ascii(raw);
                if (text.Length == 0) return null;
                return text[0] switch
                {
                    'T' or 't' or 'Y' or 'y' => true,
                    'F' or 'f' or 'N' or 'n' => false,
                    '?' => null,
                    _ => Bad(field, text, record, "T/F/Y/N/?"),
                };
            }
            case 'D':
            {
                var text = Ascii(raw);
                if (text.Length == 0 || text.All(c => c == '0')) return null;
                return DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : Bad(field, text, record, "a date as YYYYMMDD");
            }
            default: // N, F
            {
                var text = Ascii(raw);
                if (text.Length == 0 || text.All(c => c == '*') || text is "-" or ".") return null;
                if (field.Type == 'N' && field.Decimals == 0
                    && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                    return whole;
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : Bad(field, text, record, "a number");
            }
        }
    }

    private object? Bad(DbfField field, string text, int record, string expected)
    {
        _warn(record, "bad-value", $"field \"{field.Name}\" holds \"{text}\" where {expected} is expected; it was read as empty (null)");
        return null;
    }

    private static string Ascii(ReadOnlySpan<byte> raw) => Encoding.ASCII.GetString(raw).Trim(' ', '\0');
}
