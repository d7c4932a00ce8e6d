namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>Character encoding the writer uses.</summary>
public enum RedLineTxtWriteEncoding
{
    /// <summary>
    /// UTF-8 with a byte-order mark: the default. Chinese desktop tools that assume the ANSI code page
    /// (GBK) when a file has no BOM still recognise the BOM and read UTF-8 correctly, and UTF-8 tools
    /// skip it.
    /// </summary>
    Utf8WithBom,

    /// <summary>UTF-8 without a BOM, for tools (and web uploads) that choke on one.</summary>
    Utf8,

    /// <summary>GB18030 (a superset of GBK) for older land-survey software that reads only GBK.</summary>
    Gb18030,
}
