namespace OneBlueprint.Formats.RedLineTxt;

/// <summary>How the writer lays out bytes. Lines always end with CRLF, as Windows survey tools expect.</summary>
public sealed record RedLineTxtWriteOptions
{
    public RedLineTxtWriteEncoding Encoding { get; init; } = RedLineTxtWriteEncoding.Utf8WithBom;

    public static RedLineTxtWriteOptions Default { get; } = new();
}
