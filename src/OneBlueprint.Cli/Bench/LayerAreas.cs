namespace OneBlueprint.Cli.Bench;

/// <summary>
/// Overlap areas (planar m², working CRS) of every red line with every control layer, as one way of computing them
/// found them: <c>[red line][layer]</c>, layers in the order of <see cref="Codes"/>. NaN where that way failed.
/// </summary>
public sealed class LayerAreas
{
    public LayerAreas(IReadOnlyList<string> codes, int redLines)
    {
        Codes = codes;
        Values = new double[redLines][];
        for (var i = 0; i < redLines; i++)
        {
            Values[i] = new double[codes.Count];
            Array.Fill(Values[i], double.NaN);
        }
    }

    public IReadOnlyList<string> Codes { get; }

    public double[][] Values { get; }

    public int LayerOf(string code)
    {
        for (var i = 0; i < Codes.Count; i++)
            if (string.Equals(Codes[i], code, StringComparison.Ordinal)) return i;
        return -1;
    }
}
