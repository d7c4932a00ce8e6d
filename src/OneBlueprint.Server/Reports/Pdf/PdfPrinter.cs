using System.Diagnostics;
using System.Text;

namespace OneBlueprint.Server.Reports.Pdf;

/// <summary>
/// Prints an HTML page to PDF with Debian's headless Chromium (<c>--print-to-pdf</c>): QuestPDF and SkiaSharp are not
/// obtainable here, and Chromium lays out CJK text, CSS paged media and inline SVG faithfully.
/// <para>
/// Each print runs in a fresh temporary directory (the page, the PDF, a throw-away profile, and HOME/XDG dirs so
/// nothing is written to the service account's home) that is deleted afterwards. The page must be self-contained:
/// every host name resolves to nothing, so a stray external reference fails fast instead of hanging. A print that exceeds <see cref="PdfPrinterOptions.Timeout"/>, or whose token is cancelled, has its
/// process tree killed. At most <see cref="PdfPrinterOptions.MaxConcurrent"/> prints run at once. Thread-safe; keep
/// one instance (e.g. a singleton service).
/// </para>
/// </summary>
public sealed class PdfPrinter
{
    /// <summary>Environment variable naming the Chromium executable to use.</summary>
    public const string ChromiumVariable = "OB_CHROMIUM";

    private const string DebianChromium = "/usr/bin/chromium";

    private readonly PdfPrinterOptions _options;
    private readonly SemaphoreSlim _gate;

    public PdfPrinter(PdfPrinterOptions? options = null)
    {
        _options = options ?? PdfPrinterOptions.Default;
        if (_options.Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), _options.Timeout, "the timeout must be positive");
        _gate = new SemaphoreSlim(Math.Max(1, _options.MaxConcurrent));
    }

    public PdfPrinterOptions Options => _options;

    /// <summary>
    /// The Chromium to run: <c>OB_CHROMIUM</c> when set, else /usr/bin/chromium, else chromium or chromium-browser on
    /// PATH; null when there is none.
    /// </summary>
    public static string? FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim();
        if (File.Exists(DebianChromium)) return DebianChromium;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        foreach (var name in new[] { "chromium", "chromium-browser" })
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The PDF of <paramref name="html"/> (A4 unless the page's CSS says otherwise), as bytes starting with %PDF.</summary>
    /// <exception cref="PdfPrintException">Chromium is missing, failed, produced no PDF, or timed out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (Chromium is killed).</exception>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        var chromium = ResolveChromium();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        DirectoryInfo? work = null;
        try
        {
            work = Directory.CreateTempSubdirectory("ob-report-");
            var htmlPath = Path.Combine(work.FullName, "report.html");
            var pdfPath = Path.Combine(work.FullName, "report.pdf");
            await File.WriteAllTextAsync(htmlPath, html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            var stderr = await RunChromiumAsync(chromium, work.FullName, htmlPath, pdfPath, cancellationToken).ConfigureAwait(false);

            var pdf = File.Exists(pdfPath) ? await File.ReadAllBytesAsync(pdfPath, cancellationToken).ConfigureAwait(false) : [];
            if (pdf.Length < 5 || !pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
                throw new PdfPrintException($"Chromium ({chromium}) wrote no PDF. Its messages: {Summarise(stderr)}");
            return pdf;
        }
        finally
        {
            _gate.Release();
            if (work is not null) DeleteQuietly(work);
        }
    }

    private string ResolveChromium()
    {
        var chromium = _options.ChromiumPath ?? FindChromium();
        if (chromium is null)
            throw new PdfPrintException(
                $"Chromium was not found (looked at {ChromiumVariable}, {DebianChromium} and PATH): PDF reports need it. Run scripts/deps.sh (installs the Debian chromium and fonts-noto-cjk packages) or set {ChromiumVariable} to a Chromium executable.");
        if (!File.Exists(chromium))
            throw new PdfPrintException(
                $"Chromium was not found at {chromium} ({(_options.ChromiumPath is null ? ChromiumVariable : "PdfPrinterOptions.ChromiumPath")}). Run scripts/deps.sh, or point {ChromiumVariable} to an existing Chromium executable.");
        return chromium;
    }

    /// <summary>Runs one print; returns Chromium's stderr (for error messages).</summary>
    private async Task<string> RunChromiumAsync(string chromium, string work, string htmlPath, string pdfPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(chromium)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = work,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-extensions", "--disable-dev-shm-usage", "--no-default-browser-check",
                     // Reports are self-contained: no host name resolves, so a stray external reference fails at once.
                     // (Scripts cannot be switched off here: --blink-settings=scriptEnabled=false stops --print-to-pdf;
                     // the report's Content-Security-Policy forbids them instead.)
                     "--host-resolver-rules=MAP * ~NOTFOUND",
                     "--user-data-dir=" + Path.Combine(work, "profile"),
                     "--no-pdf-header-footer", "--print-to-pdf=" + pdfPath,
                     new Uri(htmlPath).AbsoluteUri,
                 })
            start.ArgumentList.Add(argument);
        // Chromium (and crashpad) write under HOME/XDG dirs despite --user-data-dir; keep that in the temp dir.
        start.Environment["HOME"] = work;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(work, "config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(work, "cache");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PdfPrintException($"Chromium ({chromium}) did not start. Run scripts/deps.sh.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PdfPrintException($"Chromium ({chromium}) could not be started ({e.Message}). Run scripts/deps.sh, or set {ChromiumVariable}.", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var timeout = new CancellationTokenSource(_options.Timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                KillTree(process);
                cancellationToken.ThrowIfCancellationRequested();
                throw new PdfPrintException(
                    $"Chromium did not finish printing within {_options.Timeout.TotalSeconds:0} s and was stopped. The machine may be overloaded; try again, or raise PdfPrinterOptions.Timeout.");
            }
            var messages = await Drain(stderr).ConfigureAwait(false) + await Drain(stdout).ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new PdfPrintException($"Chromium ({chromium}) failed with exit code {process.ExitCode}. Its messages: {Summarise(messages)}");
            return messages;
        }
    }

    /// <summary>Output of an exited Chromium; helper processes that linger with the pipe open must not block us.</summary>
    private static async Task<string> Drain(Task<string> output)
    {
        try
        {
            return await output.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or IOException or ObjectDisposedException)
        {
            return "";
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // already gone
        }
    }

    /// <summary>The useful lines of Chromium's chatter: its D-Bus complaints in a container are noise.</summary>
    private static string Summarise(string messages)
    {
        var lines = messages.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Contains("dbus", StringComparison.OrdinalIgnoreCase) && !l.Contains("unexpected operator", StringComparison.Ordinal))
            .TakeLast(8)
            .ToArray();
        return lines.Length == 0 ? "(none)" : string.Join(" | ", lines);
    }

    private static void DeleteQuietly(DirectoryInfo directory)
    {
        // Chromium's helpers may still be closing files for a moment after the browser exits.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                directory.Refresh();
                if (directory.Exists) directory.Delete(recursive: true);
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100 * (attempt + 1));
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(100 * (attempt + 1));
            }
        }
    }
}
