using System.Buffers.Binary;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace OneBlueprint.Formats.GeoPackage;

/// <summary>
/// Encodes geometries as GeoPackageBinary (12-128r18 §2.1.3): 'GP', version 0, flags (little-endian, xy
/// envelope, or the empty bit with no envelope), srs_id, [minx, maxx, miny, maxy], then ISO WKB
/// (little-endian, Z as type+1000 when the geometry has Z; never EWKB). One instance per write: it reuses
/// its buffer, so it is not thread-safe.
/// </summary>
internal sealed class GeoPackageBinaryWriter
{
    private const byte LittleEndianBit = 0x01;
    private const byte XyEnvelopeBits = 1 << 1;
    private const byte EmptyBit = 0x10;

    private readonly WKBWriter _xy = new(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: false);
    private readonly WKBWriter _xyz = new(ByteOrder.LittleEndian, handleSRID: false, emitZ: true, emitM: false);
    private readonly NonClosingMemoryStream _buffer = new();

    public byte[] Write(Geometry geometry, int srsId)
    {
        var empty = geometry.IsEmpty;
        Span<byte> header = stackalloc byte[8 + 32];
        header[0] = (byte)'G';
        header[1] = (byte)'P';
        header[2] = 0;
        header[3] = (byte)(LittleEndianBit | (empty ? EmptyBit : XyEnvelopeBits));
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], srsId);
        var length = 8;
        if (!empty)
        {
            var envelope = geometry.EnvelopeInternal;
            BinaryPrimitives.WriteDoubleLittleEndian(header[8..], envelope.MinX);
            BinaryPrimitives.WriteDoubleLittleEndian(header[16..], envelope.MaxX);
            BinaryPrimitives.WriteDoubleLittleEndian(header[24..], envelope.MinY);
            BinaryPrimitives.WriteDoubleLittleEndian(header[32..], envelope.MaxY);
            length += 32;
        }
        _buffer.SetLength(0);
        _buffer.Write(header[..length]);
        (HasZ(geometry) ? _xyz : _xy).Write(geometry, _buffer);
        return _buffer.ToArray();
    }

    /// <summary>True when some coordinate carries a real (non-NaN) Z.</summary>
    public static bool HasZ(Geometry geometry)
    {
        var finder = new ZFinder();
        geometry.Apply(finder);
        return finder.Done;
    }

    private sealed class ZFinder : ICoordinateSequenceFilter
    {
        public bool Done { get; private set; }

        public bool GeometryChanged => false;

        public void Filter(CoordinateSequence seq, int i)
        {
            if (seq.HasZ && !double.IsNaN(seq.GetZ(i))) Done = true;
        }
    }
}
