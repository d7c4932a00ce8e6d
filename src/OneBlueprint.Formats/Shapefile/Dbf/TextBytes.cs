using System.Text;

namespace OneBlueprint.Formats.Shapefile.Dbf;

/// <summary>Cuts text to a byte budget in an encoding without splitting a character (UTF-8 and GB18030 are stateless, so bytes add up per character).</summary>
internal static class TextBytes
{
    public static (string Text, byte[] Bytes) Truncate(string text, Encoding encoding, int maxBytes)
    {
        var bytes = encoding.GetBytes(text);
        if (bytes.Length <= maxBytes) return (text, bytes);
        var kept = new StringBuilder();
        var count = 0;
        Span<char> buffer = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf16(buffer);
            var size = encoding.GetByteCount(buffer[..length]);
            if (count + size > maxBytes) break;
            kept.Append(buffer[..length]);
            count += size;
        }
        var result = kept.ToString();
        return (result, encoding.GetBytes(result));
    }
}
