namespace OneBlueprint.DemoCity.Synthesis;

/// <summary>
/// Deterministic 2-D value noise and its fractal sum (fBm), the source of every natural-looking edge in
/// the demo city. A function of position only (and a seed): two shapes that share a boundary point get
/// the same displacement there, and the same seed always gives the same shapes.
/// </summary>
public sealed class Noise
{
    private readonly ulong _seed;

    public Noise(ulong seed) => _seed = seed;

    /// <summary>Smooth noise in [-1, 1] with features about one unit apart.</summary>
    public double Value(double x, double y)
    {
        var x0 = Math.Floor(x);
        var y0 = Math.Floor(y);
        var ix = (long)x0;
        var iy = (long)y0;
        var fx = Fade(x - x0);
        var fy = Fade(y - y0);
        var a = Lerp(Lattice(ix, iy), Lattice(ix + 1, iy), fx);
        var b = Lerp(Lattice(ix, iy + 1), Lattice(ix + 1, iy + 1), fx);
        return Lerp(a, b, fy);
    }

    /// <summary>
    /// Fractal Brownian motion: octaves of <see cref="Value"/>, each at twice the frequency and
    /// <paramref name="gain"/> times the amplitude of the last; normalised to about [-1, 1].
    /// </summary>
    public double Fractal(double x, double y, int octaves, double gain = 0.5)
    {
        double sum = 0, amplitude = 1, norm = 0, frequency = 1;
        for (var o = 0; o < octaves; o++)
        {
            // Offsetting each octave keeps lattice points of different octaves from lining up.
            sum += amplitude * Value(x * frequency + o * 17.31, y * frequency - o * 9.73);
            norm += amplitude;
            amplitude *= gain;
            frequency *= 2;
        }
        return sum / norm;
    }

    private double Lattice(long ix, long iy) => StableHash.Unit(StableHash.Combine(_seed, ix, iy)) * 2 - 1;

    private static double Fade(double t) => t * t * (3 - 2 * t);

    private static double Lerp(double a, double b, double t) => a + (b - a) * t;
}
