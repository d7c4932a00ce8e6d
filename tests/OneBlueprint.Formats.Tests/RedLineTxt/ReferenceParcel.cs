using System.Globalization;

namespace OneBlueprint.Formats.Tests.RedLineTxt;

/// <summary>
/// An independent, deliberately naive reading of a red-line file's [地块坐标] (split on commas, nothing
/// else), with the shoelace area computed straight from the file's numbers. Tests compare the reader
/// and writer against it so they do not merely check the format code against itself.
/// </summary>
internal sealed record ReferenceParcel(int HeaderLine, string[] HeaderFields, List<List<(double North, double East)>> Rings, int Rows)
{
    public long DeclaredPoints => long.Parse(HeaderFields[0], CultureInfo.InvariantCulture);

    public double DeclaredHectares => double.Parse(HeaderFields[1], CultureInfo.InvariantCulture);

    /// <summary>Shoelace area of ring 1 minus the areas of the other rings, in hectares.</summary>
    public double ShoelaceHectares =>
        (Math.Abs(Shoelace(Rings[0])) - Rings.Skip(1).Sum(r => Math.Abs(Shoelace(r)))) / 10_000.0;

    private static double Shoelace(List<(double North, double East)> ring)
    {
        // Relative to the first point: 8-digit eastings squared would lose the millimetres.
        var (n0, e0) = ring[0];
        var sum = 0.0;
        for (var i = 0; i < ring.Count; i++)
        {
            var (n1, e1) = ring[i];
            var (n2, e2) = ring[(i + 1) % ring.Count];
            sum += (e1 - e0) * (n2 - n0) - (e2 - e0) * (n1 - n0);
        }
        return sum / 2;
    }

    public static List<ReferenceParcel> Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == "[地块坐标]");
        var parcels = new List<ReferenceParcel>();
        for (var i = start + 1; i < lines.Length; i++)
        {
            var fields = lines[i].Trim().Split(',');
            if (fields.Length < 2) continue;
            if (fields[^1] == "@")
            {
                parcels.Add(new ReferenceParcel(i + 1, fields, new List<List<(double, double)>>(), 0));
                continue;
            }
            var parcel = parcels[^1];
            var ring = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (parcel.Rings.Count < ring) parcel.Rings.Add(new List<(double, double)>());
            var point = (double.Parse(fields[2], CultureInfo.InvariantCulture), double.Parse(fields[3], CultureInfo.InvariantCulture));
            var target = parcel.Rings[ring - 1];
            if (target.Count == 0 || target[0] != point) target.Add(point); // drop the closing repeat
            parcels[^1] = parcel with { Rows = parcel.Rows + 1 };
        }
        return parcels;
    }
}
