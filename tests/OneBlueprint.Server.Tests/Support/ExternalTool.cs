using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace OneBlueprint.Server.Tests.Support;

/// <summary>
/// Runs a command-line tool the tests use as an independent reference or helper (GDAL, PROJ, poppler, node/npm,
/// the ob CLI) and returns what it said. A tool that is not installed fails the test with how to install it.
/// </summary>
public static class ExternalTool
{
    public sealed record Output(int ExitCode, string Stdout, string Stderr);

    public sealed record Options
    {
        public string? Stdin { get; init; }
        public string? WorkingDirectory { get; init; }
        public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
        public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
    }

    /// <param name="installHint">What installs the tool, said when it is missing ("scripts/deps.sh (gdal-bin)").</param>
    public static async Task<Output> RunAsync(string tool, IEnumerable<string> args, string installHint, Options? options = null)
    {
        options ??= new Options();
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        if (options.WorkingDirectory is not null) start.WorkingDirectory = options.WorkingDirectory;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in options.Environment) start.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' is not installed ({e.Message}): run {installHint}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(options.Stdin ?? "");
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(options.Timeout);
            await process.WaitForExitAsync(timeout.Token);
            return new Output(process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>Like <see cref="RunAsync"/>, but a non-zero exit code throws with what the tool printed; returns stdout.</summary>
    public static async Task<string> RunOkAsync(string tool, IEnumerable<string> args, string installHint, Options? options = null)
    {
        var output = await RunAsync(tool, args, installHint, options);
        if (output.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({output.ExitCode}):\n{output.Stderr}\n{output.Stdout}");
        return output.Stdout;
    }
}
