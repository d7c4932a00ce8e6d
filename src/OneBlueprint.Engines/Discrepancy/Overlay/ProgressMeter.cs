namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// Turns work done in stages into one 0–100 percent stream: each stage owns a span of the percent range and a count of
/// items; workers on any thread call <see cref="Step"/>. Reports are monotonic and at most one per half percent.
/// </summary>
internal sealed class ProgressMeter(IProgress<double>? target)
{
    private readonly object _gate = new();
    private double _from, _span, _last = -1;
    private long _total, _done;

    public void Stage(double from, double to, long items)
    {
        lock (_gate)
        {
            _from = from;
            _span = to - from;
            _total = Math.Max(1, items);
            Interlocked.Exchange(ref _done, 0);
        }
        Report(from);
    }

    public void Step(long items = 1)
    {
        if (target is null) return;
        var done = Interlocked.Add(ref _done, items);
        var percent = _from + _span * Math.Min(1.0, (double)done / _total);
        if (percent - Volatile.Read(ref _last) >= 0.5) Report(percent);
    }

    public void Done() => Report(100);

    private void Report(double percent)
    {
        if (target is null) return;
        lock (_gate)
        {
            if (percent <= _last) return;
            _last = percent;
            target.Report(percent);
        }
    }
}
