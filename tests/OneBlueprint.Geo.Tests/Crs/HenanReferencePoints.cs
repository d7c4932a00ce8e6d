using System.Globalization;

namespace OneBlueprint.Geo.Tests.Crs;

/// <summary>
/// /work/shared/data/crs/henan_cgcs2000_gk_cs2cs.csv: 21 Henan points in EPSG:4490 and their coordinates in
/// six CGCS2000 GK systems, computed with PROJ 9.1.1 cs2cs (0.1 mm resolution).
/// </summary>
internal static class HenanReferencePoints
{
    public const string CsvPath = "/work/shared/data/crs/henan_cgcs2000_gk_cs2cs.csv";

    public static readonly int[] Systems = [4525, 4526, 4527, 4546, 4547, 4548];

    public sealed record Point(string Name, double Lon, double Lat, IReadOnlyDictionary<int, (double E, double N)> Projected);

    public static IReadOnlyList<Point> Load()
    {
        var lines = File.ReadAllLines(CsvPath);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{CsvPath} lacks column {name}");
        return lines.Skip(1).Where(l => l.Trim().Length > 0).Select(line =>
        {
            var f = line.Split(',');
            double D(string column) => double.Parse(f[Column(column)], CultureInfo.InvariantCulture);
            var projected = Systems.ToDictionary(s => s, s => (D($"epsg{s}_E"), D($"epsg{s}_N")));
            return new Point(f[Column("name")], D("lon"), D("lat"), projected);
        }).ToList();
    }
}
