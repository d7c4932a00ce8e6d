using System.Text;

namespace OneBlueprint.Server.Tiles;

/// <summary>
/// The few protocol-buffer primitives a vector tile needs, written by hand (no code generation): varints,
/// zigzag, field keys, length-delimited fields and packed uint32 arrays. Writes into a growable buffer;
/// nested messages are built in their own writer and copied in as bytes.
/// </summary>
public sealed class ProtobufWriter
{
    public const int WireVarint = 0;
    public const int WireFixed64 = 1;
    public const int WireLengthDelimited = 2;
    public const int WireFixed32 = 5;

    private byte[] _buffer;
    private int _length;

    public ProtobufWriter(int capacity = 256) => _buffer = new byte[Math.Max(16, capacity)];

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Clear() => _length = 0;

    /// <summary>Zigzag: small negative numbers stay small (0→0, −1→1, 1→2, −2→3 …).</summary>
    public static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    public void WriteKey(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    public void WriteUInt64Field(int field, ulong value)
    {
        WriteKey(field, WireVarint);
        WriteVarint(value);
    }

    /// <summary>int64 as protobuf encodes it: negative values take ten bytes (two's complement).</summary>
    public void WriteInt64Field(int field, long value) => WriteUInt64Field(field, unchecked((ulong)value));

    public void WriteSInt64Field(int field, long value) => WriteUInt64Field(field, ZigZag(value));

    public void WriteBoolField(int field, bool value) => WriteUInt64Field(field, value ? 1UL : 0UL);

    public void WriteDoubleField(int field, double value)
    {
        WriteKey(field, WireFixed64);
        Ensure(8);
        System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length, 8), value);
        _length += 8;
    }

    public void WriteStringField(int field, string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteKey(field, WireLengthDelimited);
        WriteVarint((ulong)count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void WriteBytesField(int field, ReadOnlySpan<byte> bytes)
    {
        WriteKey(field, WireLengthDelimited);
        WriteVarint((ulong)bytes.Length);
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Bytes that are already complete fields (e.g. a run of length-delimited features).</summary>
    public void WriteBytesRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>A packed repeated uint32 field (one key, a length, then the varints); nothing when empty.</summary>
    public void WritePackedUInt32Field(int field, ReadOnlySpan<uint> values)
    {
        if (values.IsEmpty) return;
        var size = 0;
        foreach (var v in values) size += VarintSize(v);
        WriteKey(field, WireLengthDelimited);
        WriteVarint((ulong)size);
        foreach (var v in values) WriteVarint(v);
    }

    public static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
    }
}
