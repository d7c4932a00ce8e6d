using System.Text;

namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>
/// Turns the bytes of a red-line file into lines. These files come as UTF-8 (with or without BOM) or as
/// GBK/GB18030 with no marker at all; text that decodes as strict UTF-8 is taken as UTF-8 (GBK Chinese
/// text is practically never valid UTF-8), anything else as GB18030, which decodes every byte sequence.
/// </summary>
internal static class RedLineTxtText
{
    static RedLineTxtText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    public static Encoding Utf8Strict { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes the file and names the encoding it found (for messages).</summary>
    public static (string Text, string EncodingName) Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return (Utf8Strict.GetString(span[3..]), "UTF-8 with BOM");
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return (Encoding.Unicode.GetString(span[2..]), "UTF-16LE");
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return (Encoding.BigEndianUnicode.GetString(span[2..]), "UTF-16BE");
        try
        {
            return (Utf8Strict.GetString(span), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Gb18030.GetString(span), "GB18030");
        }
    }

    /// <summary>Splits on CRLF, LF or lone CR; line i of the result is line i+1 of the file.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\r' && c != '\n') continue;
            lines.Add(text[start..i]);
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    public static Encoding ForWriting(RedLineTxtWriteEncoding encoding) => encoding switch
    {
        RedLineTxtWriteEncoding.Utf8 => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        RedLineTxtWriteEncoding.Gb18030 => Gb18030,
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
    };
}
