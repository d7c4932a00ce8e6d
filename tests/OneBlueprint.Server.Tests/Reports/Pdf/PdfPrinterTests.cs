using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using OneBlueprint.Server.Reports.Pdf;
using OneBlueprint.Server.Tests.Reports.Support;

namespace OneBlueprint.Server.Tests.Reports.Pdf;

/// <summary>The printed report read back with poppler-utils, the independent reader: pages, pixels, text and fonts.</summary>
public class PdfPrinterTests(PrintedReport report) : IClassFixture<PrintedReport>
{
    [Fact]
    public void PdfPrinter_WritesAnA4PdfWithOnePagePerSection()
    {
        Assert.True(report.Pdf.AsSpan().StartsWith("%PDF-"u8));
        var info = Poppler.Run("pdfinfo", report.PdfPath);
        var pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value);
        Assert.InRange(pages, 3, 6); // overview, results, basis; long tables may add pages
        Assert.Matches(@"Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)", info);
    }

    [Fact]
    public void PdfPrinter_Page1ShowsTheRedLineInPureRed()
    {
        var page = report.Page1;
        // A4 at 60 dpi: 496 × 702 pixels.
        Assert.InRange(page.Width, 490, 500);
        Assert.InRange(page.Height, 698, 706);
        var red = new List<(int X, int Y)>();
        for (var y = 0; y < page.Height; y++)
        for (var x = 0; x < page.Width; x++)
        {
            var (r, g, b) = page[x, y];
            if (r >= 225 && g <= 50 && b <= 50) red.Add((x, y));
        }
        Assert.True(red.Count >= 100, $"only {red.Count} red-line pixels on page 1");
        // They outline the 250 m square: a box that is about square, in the lower part of the page (the map).
        var width = red.Max(p => p.X) - red.Min(p => p.X);
        var height = red.Max(p => p.Y) - red.Min(p => p.Y);
        Assert.InRange(width, 80, 400);
        Assert.InRange(height / (double)width, 0.85, 1.15);
        Assert.True(red.Min(p => p.Y) > page.Height / 4, "the red line should be drawn in the map below the title and summary");
    }

    [Fact]
    public void PdfPrinter_ChineseTextIsRealTextInANotoCjkFont()
    {
        // Without layout, and without white space: table cells and wrapped lines break text anywhere.
        var text = Regex.Replace(Poppler.Run("pdftotext", report.PdfPath, "-"), @"\s+", "");
        Assert.Contains("建设项目用地合规性审查报告", text);
        Assert.Contains("生态保护红线", text);
        Assert.Contains("永久基本农田", text);
        Assert.Contains("审查人", text);
        Assert.Contains("15,000.00", text);
        Assert.Contains("<script>alert('x')</script>郑州&Co\"东区\"物流园", text); // the escaped name prints as the literal text
        // Skia embeds the fonts it used (as Type 3 with a FontDescriptor naming the face): the CJK face must be Noto's,
        // not a fallback that would draw tofu boxes.
        var raw = Encoding.Latin1.GetString(report.Pdf);
        Assert.Matches(@"/FontName /[A-Z]{6}\+Noto(Sans|Serif)CJK", raw);
    }

    [Fact]
    public void PdfPrinter_MissingChromiumSaysToRunDeps()
    {
        var printer = new PdfPrinter(new PdfPrinterOptions { ChromiumPath = "/nonexistent/chromium" });
        var e = Assert.Throws<PdfPrintException>(() => printer.PrintAsync("<p>x</p>").GetAwaiter().GetResult());
        Assert.Contains("scripts/deps.sh", e.Message);
        Assert.Contains("/nonexistent/chromium", e.Message);
    }

    [Fact]
    public async Task PdfPrinter_TimeoutKillsTheProcessTreeAndRemovesTempFiles()
    {
        var (script, record) = SlowChromium();
        var printer = new PdfPrinter(new PdfPrinterOptions { ChromiumPath = script, Timeout = TimeSpan.FromSeconds(1) });
        try
        {
            var e = await Assert.ThrowsAsync<PdfPrintException>(() => printer.PrintAsync("<p>x</p>"));
            Assert.Contains("did not finish", e.Message);
            AssertCleanedUp(record);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(script)!, recursive: true);
        }
    }

    [Fact]
    public async Task PdfPrinter_CancellationKillsTheProcessTreeAndRemovesTempFiles()
    {
        var (script, record) = SlowChromium();
        var printer = new PdfPrinter(new PdfPrinterOptions { ChromiumPath = script });
        try
        {
            using var cancel = new CancellationTokenSource();
            var printing = printer.PrintAsync("<p>x</p>", cancel.Token);
            WaitFor(() => File.Exists(record) && File.ReadAllLines(record).Length >= 2);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => printing);
            AssertCleanedUp(record);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(script)!, recursive: true);
        }
    }

    /// <summary>A stand-in Chromium that records its HOME (the printer's temp dir) and its child's pid, then hangs.</summary>
    private static (string Script, string Record) SlowChromium()
    {
        var dir = Directory.CreateTempSubdirectory("ob-slow-chromium-").FullName;
        var record = Path.Combine(dir, "record.txt");
        var script = Path.Combine(dir, "chromium");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$HOME\" > '{record}'\nsleep 120 &\necho $! >> '{record}'\nwait\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (script, record);
    }

    private static void AssertCleanedUp(string record)
    {
        WaitFor(() => File.Exists(record) && File.ReadAllLines(record).Length >= 2);
        var lines = File.ReadAllLines(record);
        Assert.StartsWith(Path.GetTempPath().TrimEnd('/'), lines[0]);
        Assert.Contains("ob-report-", lines[0]);
        Assert.False(Directory.Exists(lines[0]), $"temp dir {lines[0]} was left behind");
        var pid = int.Parse(lines[1]);
        WaitFor(() => !Alive(pid));
        Assert.False(Alive(pid), $"the child process {pid} of the killed Chromium still runs");
    }

    /// <summary>Running (not gone, not a zombie waiting for a reaper).</summary>
    private static bool Alive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void WaitFor(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition() && watch.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(50);
    }
}
