using System.IO.Compression;

namespace OneBlueprint.Server.Tests.Support;

/// <summary>
/// A PNG decoded here independently of cairo, keeping alpha: 8-bit RGBA or
/// RGB, not interlaced; IDAT inflated with ZLibStream and the five filters of RFC 2083 §6 undone.
/// </summary>
public sealed class RgbaPng
{
    public int Width { get; }
    public int Height { get; }
    private readonly byte[] _rgba;

    private RgbaPng(int width, int height, byte[] rgba) { Width = width; Height = height; _rgba = rgba; }

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get { var i = (y * Width + x) * 4; return (_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]); }
    }

    public static RgbaPng Decode(byte[] png)
    {
        byte[] signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (!png.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException("not a PNG");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = Big(png, at);
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = at + 8;
            if (type == "IHDR")
            {
                width = Big(png, data);
                height = Big(png, data + 4);
                var (depth, colour, interlace) = (png[data + 8], png[data + 9], png[data + 12]);
                if (depth != 8 || colour is not (2 or 6) || interlace != 0) throw new InvalidDataException($"unsupported PNG {depth}/{colour}/{interlace}");
                channels = colour == 6 ? 4 : 3;
            }
            else if (type == "IDAT") idat.Write(png, data, length);
            else if (type == "IEND") break;
            at = data + length + 4;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        var stride = width * channels;
        var prev = new byte[stride];
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (stride + 1)];
            var line = bytes.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? line[i - channels] : 0, b = prev[i], c = i >= channels ? prev[i - channels] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"bad PNG filter {filter}"),
                });
            }
            for (var x = 0; x < width; x++)
            {
                var o = (y * width + x) * 4;
                rgba[o] = line[x * channels];
                rgba[o + 1] = line[x * channels + 1];
                rgba[o + 2] = line[x * channels + 2];
                rgba[o + 3] = channels == 4 ? line[x * channels + 3] : (byte)255;
            }
            prev = line;
        }
        return new RgbaPng(width, height, rgba);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static int Big(byte[] d, int at) => (d[at] << 24) | (d[at + 1] << 16) | (d[at + 2] << 8) | d[at + 3];
}
