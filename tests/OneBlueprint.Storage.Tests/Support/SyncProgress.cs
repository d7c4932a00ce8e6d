namespace OneBlueprint.Storage.Tests.Support;

/// <summary>IProgress that runs the callback on the reporting thread (Progress&lt;T&gt; posts asynchronously).</summary>
public sealed class SyncProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
