namespace OneBlueprint.Server.Reports.Pdf;

/// <summary>A report could not be printed to PDF: Chromium is missing, failed, or took too long. The message says which and what to do.</summary>
public sealed class PdfPrintException(string message, Exception? inner = null) : Exception(message, inner);
