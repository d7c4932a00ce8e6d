using System.Text;
using OneBlueprint.Cli.Commands;
using OneBlueprint.Cli.Console;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Problems;
using Spectre.Console;

namespace OneBlueprint.Cli;

/// <summary>
/// `ob`: the command line of OneBlueprint. Exit codes: 0 done, 1 failed (our fault), 2 bad input or usage,
/// 130 cancelled (Ctrl+C).
/// </summary>
public static class CliApp
{
    public static readonly IReadOnlyList<ICommand> Commands =
    [
        new CrsCommand(),
        new InspectCommand(),
        new ConvertCommand(),
        new ImportCommand(),
        new CheckCommand(),
        new AssessmentCommand(),
        new TopologyCommand(),
        new ExportCommand(),
        new LayersCommand(),
        new GenDemoCommand(),
        new KeysCommand(),
        new DbCommand(),
        new ServeCommand(),
        new TilesCommand(),
        new EmbedLinkCommand(),
        new BenchCommand(),
        new DiffCommand(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        System.Console.OutputEncoding = Encoding.UTF8;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            PrintHelp();
            return args.Length == 0 ? 2 : 0;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]ob: unknown command '{args[0]}'[/]");
            PrintHelp();
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        System.Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        try
        {
            var words = args.Skip(1).ToList();
            if (words.Contains("--help") || words.Contains("-h"))
            {
                System.Console.WriteLine(command.Usage);
                return 0;
            }
            return await command.RunAsync(new CommandArgs(words, command.Flags), cancel.Token);
        }
        catch (UsageException ex)
        {
            System.Console.Error.WriteLine($"ob {command.Name}: {ex.Message}");
            System.Console.Error.WriteLine(command.Usage);
            return 2;
        }
        catch (InputException ex)
        {
            foreach (var p in ex.Problems.Take(50)) System.Console.Error.WriteLine(p.ToString());
            if (ex.Problems.Count > 50) System.Console.Error.WriteLine($"… and {ex.Problems.Count - 50} more problems");
            return 2;
        }
        catch (CrsException ex)
        {
            System.Console.Error.WriteLine($"error crs: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            System.Console.Error.WriteLine("cancelled; nothing was written");
            return 130;
        }
    }

    private static void PrintHelp()
    {
        System.Console.WriteLine("ob — OneBlueprint (一张蓝图) command line\n\nCommands:");
        foreach (var c in Commands) System.Console.WriteLine($"  {c.Name,-10} {c.Summary}");
        System.Console.WriteLine("\n`ob COMMAND --help` shows a command's options.");
    }
}
