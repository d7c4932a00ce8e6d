using System.Diagnostics;

namespace OneBlueprint.Cli.Bench.Diff;

/// <summary>
/// Peak memory of a phase: the process's peak resident set (Linux VmHWM, reset at the start of the phase through
/// /proc/self/clear_refs so earlier phases do not count; elsewhere the process-lifetime peak, said so) and the largest
/// managed heap seen by a 20 ms sampler. Dispose stops the sampler.
/// </summary>
public sealed class PeakMemory : IDisposable
{
    private readonly Timer _timer;
    private long _peakManaged;

    private PeakMemory(bool resetWorked)
    {
        ResidentPeakReset = resetWorked;
        _peakManaged = GC.GetTotalMemory(false);
        _timer = new Timer(_ => Sample(), null, 0, 20);
    }

    /// <summary>Whether the resident peak was reset at the start (Linux); otherwise it covers the whole process.</summary>
    public bool ResidentPeakReset { get; }

    public long PeakManagedBytes => Interlocked.Read(ref _peakManaged);

    public static PeakMemory Start()
    {
        var reset = false;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5"); // "5" resets the peak RSS (VmHWM) to the current RSS
            reset = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException) { }
        return new PeakMemory(reset);
    }

    /// <summary>The peak resident set in bytes: VmHWM on Linux, Process.PeakWorkingSet64 elsewhere.</summary>
    public long PeakResidentBytes()
    {
        Sample();
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long seen;
        while (now > (seen = Interlocked.Read(ref _peakManaged)) && Interlocked.CompareExchange(ref _peakManaged, now, seen) != seen) { }
    }

    public void Dispose() => _timer.Dispose();
}
