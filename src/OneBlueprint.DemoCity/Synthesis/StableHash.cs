namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// Hashes that are the same on every run, machine and .NET version (string.GetHashCode is randomised per
/// process, so it must never seed anything here). Every random choice of the generator derives from
/// the user's seed through these, which is what makes a demo city reproducible.
/// </summary>
public static class StableHash
{
    /// <summary>SplitMix64 finaliser: a well-mixed 64-bit value from any 64-bit input.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Combine(ulong a, long b) => Mix(a ^ Mix(unchecked((ulong)b)));

    public static ulong Combine(ulong a, long b, long c) => Combine(Combine(a, b), c);

    public static ulong Combine(ulong a, long b, long c, long d) => Combine(Combine(Combine(a, b), c), d);

    /// <summary>FNV-1a over UTF-16 code units, then mixed.</summary>
    public static ulong Of(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in text)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        return Mix(h);
    }

    /// <summary>A uniform double in [0, 1) from a hash.</summary>
    public static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));

    /// <summary>A seeded <see cref="Random"/> for one named part of the generator (seeded Random is stable across .NET versions).</summary>
    public static Random RandomFor(int seed, string part) => new(unchecked((int)(Combine(Of(part), seed) & 0x7FFF_FFFF)));
}
