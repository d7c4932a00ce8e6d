namespace OneBlueprint.Engines.Compliance.Overlap;

/// <summary>
/// Scratch buffers of one thread for the kernel and the candidate search, grown on demand and reused from check
/// to check so the hot path does not allocate. Never shared between threads (see <see cref="ForCurrentThread"/>).
/// </summary>
internal sealed class KernelWorkspace
{
    [ThreadStatic] private static KernelWorkspace? _current;

    public static KernelWorkspace ForCurrentThread => _current ??= new KernelWorkspace();

    public int[] Candidates = new int[256];
    public int[] EdgeHits = new int[32];
    public int[] RedLineHits = new int[256];
    public int[] LocateHits = new int[32];
    public double[] Params = new double[16];
    public Crossing[] Crossings = new Crossing[64];
    public int CrossingCount;

    public void AddCrossing(int segment, double u)
    {
        if (CrossingCount == Crossings.Length) Array.Resize(ref Crossings, Crossings.Length * 2);
        Crossings[CrossingCount++] = new Crossing(segment, u);
    }

    /// <summary>Where the piece boundary crosses red-line segment <see cref="Segment"/>, at parameter <see cref="U"/> along it.</summary>
    public readonly record struct Crossing(int Segment, double U);
}
