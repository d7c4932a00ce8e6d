using System.Buffers.Binary;
using System.Text;

namespace OneBlueprint.Formats.Tests.Shapefile;

/// <summary>
/// A deliberately minimal shapefile writer for tests, written from the specification and independent
/// of the writer under test: it writes parts exactly as given (order, orientation, point counts), so
/// tests can build files our writer would never produce. The .dbf has one N(4,0) field "ID".
/// </summary>
internal static class RawShapefile
{
    public static void Write(string shpPath, int shapeType, IReadOnlyList<(double X, double Y)[][]> records)
    {
        var contents = records.Select(parts => Content(shapeType, parts)).ToList();
        var shp = new MemoryStream();
        var shx = new MemoryStream();
        var fileLength = 100 + contents.Sum(c => 8 + c.Length);
        shp.Write(Header(fileLength, shapeType, records));
        shx.Write(Header(100 + 8 * contents.Count, shapeType, records));
        var offset = 100;
        for (var i = 0; i < contents.Count; i++)
        {
            shx.Write(BigEndian(offset / 2, contents[i].Length / 2));
            shp.Write(BigEndian(i + 1, contents[i].Length / 2));
            shp.Write(contents[i]);
            offset += 8 + contents[i].Length;
        }
        File.WriteAllBytes(shpPath, shp.ToArray());
        File.WriteAllBytes(Path.ChangeExtension(shpPath, ".shx"), shx.ToArray());
        File.WriteAllBytes(Path.ChangeExtension(shpPath, ".dbf"), Dbf(records.Count));
    }

    public static (double X, double Y)[] Square(double x0, double y0, double size, bool clockwise)
    {
        var ring = new[] { (x0, y0), (x0, y0 + size), (x0 + size, y0 + size), (x0 + size, y0), (x0, y0) };
        if (!clockwise) Array.Reverse(ring);
        return ring;
    }

    private static byte[] Content(int shapeType, (double X, double Y)[][] parts)
    {
        var points = parts.SelectMany(p => p).ToList();
        var bytes = new List<byte>();
        void Int(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); bytes.AddRange(b); }
        void Dbl(double v) { var b = new byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(b, v); bytes.AddRange(b); }
        Int(shapeType);
        Dbl(points.Min(p => p.X)); Dbl(points.Min(p => p.Y)); Dbl(points.Max(p => p.X)); Dbl(points.Max(p => p.Y));
        Int(parts.Length);
        Int(points.Count);
        var start = 0;
        foreach (var part in parts) { Int(start); start += part.Length; }
        foreach (var (x, y) in points) { Dbl(x); Dbl(y); }
        return bytes.ToArray();
    }

    private static byte[] Header(int fileLength, int shapeType, IReadOnlyList<(double X, double Y)[][]> records)
    {
        var header = new byte[100];
        BinaryPrimitives.WriteInt32BigEndian(header, 9994);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(24), fileLength / 2);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), 1000);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(32), shapeType);
        var points = records.SelectMany(r => r).SelectMany(p => p).ToList();
        BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(36), points.Min(p => p.X));
        BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(44), points.Min(p => p.Y));
        BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(52), points.Max(p => p.X));
        BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(60), points.Max(p => p.Y));
        return header;
    }

    private static byte[] BigEndian(int a, int b)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(bytes, a);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), b);
        return bytes;
    }

    private static byte[] Dbf(int records)
    {
        var bytes = new List<byte> { 3, 124, 1, 1 };
        bytes.AddRange(BitConverter.GetBytes(records));
        bytes.AddRange(BitConverter.GetBytes((ushort)65));
        bytes.AddRange(BitConverter.GetBytes((ushort)5));
        bytes.AddRange(new byte[20]);
        var field = new byte[32];
        Encoding.ASCII.GetBytes("ID").CopyTo(field, 0);
        field[11] = (byte)'N';
        field[16] = 4;
        bytes.AddRange(field);
        bytes.Add(0x0D);
        for (var i = 0; i < records; i++) bytes.AddRange(Encoding.ASCII.GetBytes(" " + (i + 1).ToString().PadLeft(4)));
        bytes.Add(0x1A);
        return bytes.ToArray();
    }
}
