using OneBlueprint.Server.Reports;
using OneBlueprint.Server.Reports.Pdf;
using OneBlueprint.Server.Tests.Reports.Support;

namespace OneBlueprint.Server.Tests.Reports.Pdf;

/// <summary>
/// The sample report printed once by Chromium for all PDF tests, with page 1 rasterised by pdftoppm at 60 dpi.
/// Artefacts to look at are kept in <see cref="Directory"/> (bin/…/TestResults/reports): report.html, report.pdf,
/// page-1.png, page-1.ppm.
/// </summary>
public sealed class PrintedReport : IAsyncLifetime
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "reports");

    public string Html { get; private set; } = "";
    public byte[] Pdf { get; private set; } = [];
    public string PdfPath => Path.Combine(Directory, "report.pdf");
    public Ppm Page1 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Html = ComplianceReportHtml.Render(ReportSample.Model());
        await File.WriteAllTextAsync(Path.Combine(Directory, "report.html"), Html);
        Pdf = await new PdfPrinter().PrintAsync(Html);
        await File.WriteAllBytesAsync(PdfPath, Pdf);

        var prefix = Path.Combine(Directory, "page");
        Poppler.Run("pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-png", PdfPath, prefix + "-1");
        Poppler.Run("pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-singlefile", PdfPath, prefix + "-1"); // PPM (P6) by default
        Page1 = Ppm.Read(await File.ReadAllBytesAsync(prefix + "-1.ppm"));
        // Sharper images of every page for people to look at.
        Poppler.Run("pdftoppm", "-r", "110", "-png", PdfPath, Path.Combine(Directory, "page-hd"));
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
