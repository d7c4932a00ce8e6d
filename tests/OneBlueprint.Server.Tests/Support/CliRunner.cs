using System.Diagnostics;
using System.Text;

namespace OneBlueprint.Server.Tests.Support;

/// <summary>
/// Runs `ob` as its own process (the ob.dll built next to the tests), as a user would: exit code, stdout
/// and stderr are the program's alone — not mixed with the console logs of servers other tests run.
/// </summary>
public static class CliRunner
{
    public sealed record CliResult(int ExitCode, string Out, string Error);

    private static readonly string ObDll = Path.Combine(AppContext.BaseDirectory, "ob.dll");

    public static Task<CliResult> RunAsync(string? stdin, params string[] args) => RunWithDatabaseAsync(null, stdin, args);

    /// <summary>Runs with OB_DATABASE pointing at <paramref name="connectionString"/> (a scratch database).</summary>
    public static async Task<CliResult> RunWithDatabaseAsync(string? connectionString, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [ObDll, .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (connectionString is not null) start.Environment["OB_DATABASE"] = connectionString;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start dotnet {ObDll}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
