namespace OneBlueprint.Cli.Console;

/// <summary>
/// Reports on the reporting thread, serialised. Progress&lt;T&gt; posts to the thread pool, so its reports
/// arrive late and out of order in a console; a progress bar wants them now and in order.
/// </summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly object _gate = new();

    public void Report(T value)
    {
        lock (_gate) report(value);
    }
}
