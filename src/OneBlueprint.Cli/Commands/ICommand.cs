using OneBlueprint.Cli.Console;

namespace OneBlueprint.Cli.Commands;

/// <summary>One `ob` command: its name, a one-line summary, its usage text and its work.</summary>
public interface ICommand
{
    string Name { get; }
    string Summary { get; }
    string Usage { get; }

    /// <summary>Options that take no value (--json, --repair).</summary>
    IReadOnlySet<string> Flags => new HashSet<string>();

    Task<int> RunAsync(CommandArgs args, CancellationToken ct);
}
