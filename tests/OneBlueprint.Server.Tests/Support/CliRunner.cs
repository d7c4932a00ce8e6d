using System.Text;
using OneBlueprint.Cli;

namespace OneBlueprint.Server.Tests.Support;

/// <summary>Runs `ob` in-process with stdin/stdout/stderr captured. Console is global: tests using it run serially.</summary>
public static class CliRunner
{
    public sealed record CliResult(int ExitCode, string Out, string Error);

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static Task<CliResult> RunAsync(string? stdin, params string[] args) => RunWithDatabaseAsync(null, stdin, args);

    /// <summary>Runs with OB_DATABASE pointing at <paramref name="connectionString"/> (a scratch database).</summary>
    public static async Task<CliResult> RunWithDatabaseAsync(string? connectionString, string? stdin, params string[] args)
    {
        await OneAtATime.WaitAsync();
        var oldDatabase = Environment.GetEnvironmentVariable("OB_DATABASE");
        if (connectionString is not null) Environment.SetEnvironmentVariable("OB_DATABASE", connectionString);
        var (oldIn, oldOut, oldError) = (Console.In, Console.Out, Console.Error);
        var output = new StringWriter();
        var error = new StringWriter();
        try
        {
            Console.SetIn(new StringReader(stdin ?? ""));
            Console.SetOut(output);
            Console.SetError(error);
            var code = await CliApp.RunAsync(args);
            return new CliResult(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetIn(oldIn);
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            Environment.SetEnvironmentVariable("OB_DATABASE", oldDatabase);
            OneAtATime.Release();
        }
    }
}
