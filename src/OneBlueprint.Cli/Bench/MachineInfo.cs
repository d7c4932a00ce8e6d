using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// What the figures were measured on. The load averages at start and end say how busy the machine was (other work
/// on the same cores inflates every figure, the tails most).
/// </summary>
public sealed record MachineInfo(
    int Cores,
    string? Cpu,
    string Os,
    string Dotnet,
    string Build,
    bool ServerGc,
    bool TieredPgo,
    string? LoadAverageAtStart,
    string? LoadAverageAtEnd)
{
    public static MachineInfo Capture() => new(
        Environment.ProcessorCount,
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        IsOptimised() ? "Release" : "Debug",
        GCSettings.IsServerGC,
        AppContext.TryGetSwitch("System.Runtime.TieredPGO", out var pgo) ? pgo : true,
        LoadAverage(),
        null);

    public MachineInfo WithEndLoad() => this with { LoadAverageAtEnd = LoadAverage() };

    /// <summary>"1-min 5-min 15-min" from /proc/loadavg (Linux), null elsewhere.</summary>
    public static string? LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static string? CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?
                .Split(':', 2)[1].Trim();
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static bool IsOptimised()
    {
        var debuggable = typeof(MachineInfo).Assembly.GetCustomAttribute<DebuggableAttribute>();
        return debuggable is null || !debuggable.IsJITOptimizerDisabled;
    }
}
