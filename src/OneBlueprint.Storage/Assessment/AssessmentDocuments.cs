using System.Security.Cryptography;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Storage.Assessment;

/// <summary>
/// What a result document may be: a PDF, PNG or JPEG — judged by its first bytes (magic numbers), never by its name
/// or the content type a client claims — of at most <see cref="MaxBytes"/> (OB_ASSESSMENT_MAX_DOCUMENT_MB, default 20).
/// Anything else is refused with a clear problem: not a PDF/image 415, too large 413, empty 400.
/// </summary>
public static class AssessmentDocuments
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    public static long MaxBytes { get; } =
        (long.TryParse(Environment.GetEnvironmentVariable("OB_ASSESSMENT_MAX_DOCUMENT_MB"), out var mb) && mb > 0 ? mb : 20) * 1024L * 1024L;

    /// <summary>The media type of <paramref name="content"/> by its magic bytes, or null when it is none of the three.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8)) return Pdf;
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        return null;
    }

    /// <summary>Checks a document and returns its media type and SHA-256 (lower-case hex), or throws the problem.</summary>
    public static (string MediaType, string Sha256) Inspect(string fileName, byte[] content, SourceLocation? where = null)
    {
        where ??= new SourceLocation(fileName);
        if (string.IsNullOrWhiteSpace(fileName))
            throw new InputException(InputProblem.Error("assessment.document.name", "the document has no file name", where,
                "Name the file (multipart filename, or ?filename= with a raw body)."));
        if (content.Length == 0)
            throw new InputException(InputProblem.Error("assessment.document.empty", $"document '{fileName}' is empty", where,
                "Send the report or approval itself: a PDF, PNG or JPEG file."));
        if (content.LongLength > MaxBytes)
            throw new InputException(InputProblem.Error("assessment.document.too_large",
                $"document '{fileName}' is {content.LongLength / 1024.0 / 1024.0:0.0} MB; a result document may be at most {MaxBytes / 1024 / 1024} MB",
                where, "Compress the PDF (scans at 200 dpi are enough), or split it into several documents."), 413);
        var mediaType = Sniff(content)
            ?? throw new InputException(InputProblem.Error("assessment.document.type",
                $"document '{fileName}' is not a PDF, PNG or JPEG (its first bytes are {Convert.ToHexString(content.AsSpan(0, Math.Min(8, content.Length)))})",
                where, "Upload the result as a PDF (or a PNG/JPEG scan); Word, ZIP and other files are not accepted."), 415);
        return (mediaType, Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}
