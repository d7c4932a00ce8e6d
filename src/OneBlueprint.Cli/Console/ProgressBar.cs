using Spectre.Console;

namespace OneBlueprint.Cli.Console;

/// <summary>
/// Runs long work under a progress bar on a terminal, or with percent lines when output is redirected
/// (CI logs), so progress is visible either way. The work reports 0–100 through the IProgress it gets.
/// <paramref name="onStderr"/>: draw on stderr, for commands whose stdout is the answer (a report, JSON).
/// </summary>
public static class ProgressBar
{
    public static async Task<T> RunAsync<T>(string title, Func<IProgress<double>, Task<T>> work, bool onStderr = false)
    {
        if (System.Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var last = -10.0;
            var plain = new SyncProgress<double>(p =>
            {
                if (p - last < 10 && p < 100) return;
                last = p;
                System.Console.Error.WriteLine($"{title}: {p:0}%");
            });
            return await work(plain);
        }

        var console = onStderr ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) }) : AnsiConsole.Console;
        T result = default!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 100);
                result = await work(new SyncProgress<double>(p => task.Value = p));
                task.Value = 100;
            });
        return result;
    }
}
