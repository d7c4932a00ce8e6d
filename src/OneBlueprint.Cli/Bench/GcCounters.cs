namespace OneBlueprint.Cli.Bench;

/// <summary>
/// What the garbage collector saw during a timed pass: bytes allocated by the timing thread and collections per
/// generation. A collection that lands inside a check shows up in the tail of the latencies.
/// </summary>
public sealed record GcCounters(long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public static GcCounters Now() => new(GC.GetAllocatedBytesForCurrentThread(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    public GcCounters Since(GcCounters start) =>
        new(AllocatedBytes - start.AllocatedBytes, Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2);
}
