namespace OneBlueprint.DemoCity;

/// <summary>
/// Turns the generator's stages into one rising progress value, reported outside as a percentage 0–100
/// (what the CLI's progress bar and the importer use): <see cref="Next"/> marks a stage done at an overall
/// fraction (0–1); <see cref="Within"/> maps a stage's own 0–1 progress into the span up to a given
/// fraction. Never goes backwards.
/// </summary>
internal sealed class StageProgress(IProgress<double>? outer) : IProgress<double>
{
    private double _done;
    private readonly object _lock = new();

    public void Report(double value) => Set(value);

    public void Next(double fraction) => Set(fraction);

    public IProgress<double> Within(double until)
    {
        var from = _done;
        return new Span(this, from, until);
    }

    private void Set(double value)
    {
        lock (_lock)
        {
            if (value <= _done) return;
            _done = Math.Min(1, value);
            outer?.Report(Math.Round(_done * 100, 2));
        }
    }

    private sealed class Span(StageProgress owner, double from, double until) : IProgress<double>
    {
        public void Report(double value) => owner.Set(from + (until - from) * Math.Clamp(value, 0, 1));
    }
}
