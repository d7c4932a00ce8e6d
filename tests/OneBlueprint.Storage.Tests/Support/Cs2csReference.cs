using System.Globalization;

namespace OneBlueprint.Storage.Tests.Support;

/// <summary>
/// Reference coordinates computed with PROJ 9.1.1 cs2cs for 21 Henan points
/// (../shared/data/crs/henan_cgcs2000_gk_cs2cs.csv): lon/lat in EPSG:4490 and easting/northing in EPSG:4547.
/// </summary>
public static class Cs2csReference
{
    public sealed record Point(string Name, double Lon, double Lat, double Easting4547, double Northing4547);

    public static IReadOnlyList<Point> Load()
    {
        var path = Path.Combine(Repo.SharedData, "crs", "henan_cgcs2000_gk_cs2cs.csv");
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var (name, lon, lat, e, n) = (Col("name"), Col("lon"), Col("lat"), Col("epsg4547_E"), Col("epsg4547_N"));
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f => new Point(
            f[name], D(f[lon]), D(f[lat]), D(f[e]), D(f[n]))).ToList();
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
