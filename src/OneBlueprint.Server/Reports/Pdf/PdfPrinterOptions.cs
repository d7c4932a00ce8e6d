namespace OneBlueprint.Server.Reports.Pdf;

/// <summary>How <see cref="PdfPrinter"/> runs Chromium.</summary>
public sealed record PdfPrinterOptions
{
    public static PdfPrinterOptions Default { get; } = new();

    /// <summary>The Chromium executable; null: <c>OB_CHROMIUM</c>, then /usr/bin/chromium, then chromium on PATH.</summary>
    public string? ChromiumPath { get; init; }

    /// <summary>A print that takes longer is killed (with its whole process tree) and reported.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Chromium instances printing at once (each takes ~100 MB and a core for a second or two); others wait.</summary>
    public int MaxConcurrent { get; init; } = 2;
}
