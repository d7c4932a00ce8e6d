namespace OneBlueprint.Server.Tests.Reports.Support;

/// <summary>A binary PPM (P6, 8-bit) image as pdftoppm writes it: width, height and RGB bytes, row by row.</summary>
public sealed record Ppm(int Width, int Height, byte[] Rgb)
{
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 3;
            return (Rgb[i], Rgb[i + 1], Rgb[i + 2]);
        }
    }

    public static Ppm Read(byte[] data)
    {
        var position = 0;
        string Token()
        {
            while (true)
            {
                while (position < data.Length && char.IsWhiteSpace((char)data[position])) position++;
                if (position < data.Length && data[position] == '#')
                {
                    while (position < data.Length && data[position] != '\n') position++;
                    continue;
                }
                break;
            }
            var start = position;
            while (position < data.Length && !char.IsWhiteSpace((char)data[position])) position++;
            return System.Text.Encoding.ASCII.GetString(data, start, position - start);
        }
        if (Token() != "P6") throw new InvalidDataException("not a binary PPM (P6)");
        var width = int.Parse(Token());
        var height = int.Parse(Token());
        var max = int.Parse(Token());
        if (max != 255) throw new InvalidDataException($"only 8-bit PPM is read, this one has maxval {max}");
        position++; // the single whitespace after maxval
        var length = width * height * 3;
        if (data.Length - position < length) throw new InvalidDataException("PPM is truncated");
        return new Ppm(width, height, data.AsSpan(position, length).ToArray());
    }
}
