using System.Buffers.Binary;

namespace OneBlueprint.Formats.Shapefile.Shp;

/// <summary>
/// The 100-byte header shared by .shp and .shx. File code and length are big-endian (length in 16-bit
/// words); version, shape type and the bounding box are little-endian.
/// </summary>
internal sealed record ShpHeader(int FileLengthBytes, int ShapeTypeCode, double XMin, double YMin, double XMax, double YMax, double ZMin, double ZMax)
{
    public const int Length = 100;
    public const int FileCode = 9994;
    public const int Version = 1000;

    public static ShpHeader Read(byte[] bytes, string file)
    {
        if (bytes.Length < Length)
            throw ShapefileProblems.Truncated(file, $"The 100-byte file header is expected, the file has only {bytes.Length} bytes;", bytes.Length);
        var code = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(0));
        if (code != FileCode)
            throw ShapefileProblems.Error("not-a-shapefile",
                $"The file starts with code {code} instead of {FileCode}, so it is not a shapefile main or index file", file,
                "Upload the .shp file of an ESRI Shapefile together with its .shx and .dbf (a .zip of them is easiest).");
        var span = bytes.AsSpan();
        return new ShpHeader(
            (int)Math.Min(int.MaxValue, 2L * BinaryPrimitives.ReadInt32BigEndian(span[24..])),
            BinaryPrimitives.ReadInt32LittleEndian(span[32..]),
            BinaryPrimitives.ReadDoubleLittleEndian(span[36..]),
            BinaryPrimitives.ReadDoubleLittleEndian(span[44..]),
            BinaryPrimitives.ReadDoubleLittleEndian(span[52..]),
            BinaryPrimitives.ReadDoubleLittleEndian(span[60..]),
            BinaryPrimitives.ReadDoubleLittleEndian(span[68..]),
            BinaryPrimitives.ReadDoubleLittleEndian(span[76..]));
    }

    public void Write(Span<byte> target)
    {
        target[..Length].Clear();
        BinaryPrimitives.WriteInt32BigEndian(target, FileCode);
        BinaryPrimitives.WriteInt32BigEndian(target[24..], FileLengthBytes / 2);
        BinaryPrimitives.WriteInt32LittleEndian(target[28..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(target[32..], ShapeTypeCode);
        BinaryPrimitives.WriteDoubleLittleEndian(target[36..], XMin);
        BinaryPrimitives.WriteDoubleLittleEndian(target[44..], YMin);
        BinaryPrimitives.WriteDoubleLittleEndian(target[52..], XMax);
        BinaryPrimitives.WriteDoubleLittleEndian(target[60..], YMax);
        BinaryPrimitives.WriteDoubleLittleEndian(target[68..], ZMin);
        BinaryPrimitives.WriteDoubleLittleEndian(target[76..], ZMax);
        // M range (84..100) stays 0: we never write measures.
    }
}
