using System.Globalization;
using System.Text;

namespace OneBlueprint.Formats.Shapefile.Dbf;

/// <summary>
/// Which character encoding the text of a .dbf uses, from its .cpg file or the language driver id (LDID,
/// header byte 29). Every Chinese code page name (GBK, GB2312, 936, CP936, "ANSI 936", GB18030, 54936)
/// maps to GB18030, which decodes all of them: GB2312 ⊂ GBK ⊂ GB18030 byte for byte.
/// </summary>
internal static class DbfTextEncoding
{
    static DbfTextEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>LDID GDAL and ArcGIS write for code page 936 (GBK).</summary>
    public const byte LdidGbk = 0x4D;

    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    /// <summary>The encoding a .cpg names, or null when we do not recognise the name.</summary>
    public static Encoding? FromCpg(string cpg)
    {
        var name = cpg.Trim().TrimStart('\uFEFF').Trim().ToUpperInvariant();
        if (name.Length == 0) return null;
        foreach (var prefix in new[] { "ANSI ", "OEM ", "CP", "MS", "WINDOWS-", "WINDOWS " })
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length..].Trim().All(char.IsAsciiDigit))
                name = name[prefix.Length..].Trim();
        name = name.Replace("_", "-");
        switch (name)
        {
            case "UTF-8" or "UTF8" or "65001":
                return Utf8;
            case "GBK" or "GB2312" or "GB-2312" or "GB2312-80" or "GB-2312-80" or "GB18030" or "GB-18030" or "936" or "54936" or "20936" or "EUC-CN":
                return Gb18030;
            case "88591" or "8859-1" or "ISO-8859-1" or "ISO 88591" or "LATIN1":
                return Encoding.Latin1;
        }
        try
        {
            return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage)
                ? Encoding.GetEncoding(codePage)
                : Encoding.GetEncoding(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The encoding an LDID declares, or null for 0 (not declared) and 0x57 (ArcGIS "ANSI": the code page
    /// of whatever machine wrote the file, so it tells nothing).
    /// </summary>
    public static Encoding? FromLdid(byte ldid)
    {
        int? codePage = ldid switch
        {
            0x01 => 437, 0x02 => 850, 0x03 => 1252, 0x13 or 0x7B => 932, 0x4D or 0x7A => 936,
            0x4E or 0x79 => 949, 0x4F or 0x78 => 950, 0x64 => 852, 0x65 => 866, 0xC8 => 1250, 0xC9 => 1251,
            0xCA => 1254, 0xCB => 1253,
            _ => null,
        };
        return codePage switch
        {
            null => null,
            936 => Gb18030,
            _ => Encoding.GetEncoding(codePage.Value),
        };
    }
}
