namespace OneBlueprint.Cli.Bench;

/// <summary>
/// A ring that is star-shaped around the origin: vertices at increasing angles with positive radii
/// r(θ) = 1 + Σ aₖ·sin(kθ + φₖ), Σ aₖ = <see cref="Irregularity"/> ≤ 0.6. Such a ring never crosses itself, however
/// irregular, and a linear stretch keeps it so; its radii stay within 1 ± <see cref="Irregularity"/>, which is what
/// lets a hole be drawn safely inside it (<see cref="HoleReach"/>).
/// </summary>
public sealed class StarRing
{
    /// <summary>Largest angular step between vertices, as a fraction of 2π / n.</summary>
    private const double MaxStep = 1.8;

    private readonly double[] _amplitudes;
    private readonly double[] _phases;

    public StarRing(Random random, double irregularity)
    {
        Irregularity = Math.Clamp(irregularity, 0, 0.6);
        // A few low harmonics give the lobes of a real parcel; the amplitudes shrink with the harmonic.
        var harmonics = 2 + random.Next(4);
        _amplitudes = new double[harmonics];
        _phases = new double[harmonics];
        var total = 0.0;
        for (var k = 0; k < harmonics; k++)
        {
            _amplitudes[k] = random.NextDouble() / (k + 1);
            _phases[k] = random.NextDouble() * 2 * Math.PI;
            total += _amplitudes[k];
        }
        var scale = total > 0 ? Irregularity / total : 0;
        for (var k = 0; k < harmonics; k++) _amplitudes[k] *= scale;
    }

    public double Irregularity { get; }

    /// <summary>
    /// <paramref name="vertices"/> distinct points (not closed) at jittered increasing angles, radii times
    /// <paramref name="size"/>; each angular step is at most 1.8 · 2π / n.
    /// </summary>
    public (double X, double Y)[] Points(int vertices, double size, Random random)
    {
        if (vertices < 3) throw new ArgumentOutOfRangeException(nameof(vertices), vertices, "a ring needs three vertices");
        var points = new (double, double)[vertices];
        for (var i = 0; i < vertices; i++)
        {
            var theta = 2 * Math.PI * (i + 0.1 + 0.8 * random.NextDouble()) / vertices;
            var r = 1.0;
            for (var k = 0; k < _amplitudes.Length; k++) r += _amplitudes[k] * Math.Sin((k + 1) * theta + _phases[k]);
            points[i] = (size * r * Math.Cos(theta), size * r * Math.Sin(theta));
        }
        return points;
    }

    /// <summary>
    /// How far from the origin (times this ring's size) a hole may reach and still lie inside this ring when it has
    /// at least <paramref name="vertices"/> ≥ 6 vertices: every edge of the ring stays beyond
    /// (1 − irregularity) · cos(½ · largest step) of the origin; half of that leaves a margin.
    /// </summary>
    public double HoleReach(int vertices)
    {
        if (vertices < 6) return 0;
        return 0.5 * (1 - Irregularity) * Math.Cos(0.5 * MaxStep * 2 * Math.PI / vertices);
    }
}
