
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
        var environment = connectionString is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["OB_DATABASE"] = connectionString };
        var output = await ExternalTool.RunAsync("dotnet", [ObDll, .. args], "the .NET SDK",
            new ExternalTool.Options { Stdin = stdin, Environment = environment });
        return new CliResult(output.ExitCode, output.Stdout, output.Stderr);
    }
}
