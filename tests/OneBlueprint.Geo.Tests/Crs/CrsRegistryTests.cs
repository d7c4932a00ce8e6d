using System.Globalization;
using System.Text.RegularExpressions;
using OneBlueprint.Geo.Crs;
using ProjNet.CoordinateSystems;

namespace OneBlueprint.Geo.Tests.Crs;

/// <summary>Every generated definition against PROJ's EPSG database (projinfo -o WKT1_GDAL).</summary>
public class CrsRegistryTests
{
    private static readonly string[] ComparedParameters = ["latitude_of_origin", "central_meridian", "scale_factor", "false_easting", "false_northing"];

    [Fact]
    public void All_CoversTheSixGaussKrugerFamiliesAndFiveOthers()
    {
        Assert.Equal(6 * 21 + 5, CrsRegistry.All.Count);
        foreach (var srid in new[] { 4490, 4513, 4533, 4534, 4554, 4610, 2349, 2369, 2370, 2390, 4214, 2401, 2421, 2422, 2442, 4326, 3857 })
            Assert.True(CrsRegistry.IsKnown(srid), $"EPSG:{srid}");
        foreach (var srid in new[] { 4512, 4555, 2348, 2391, 2400, 2443, 4547 + 1000, 0, -1 })
            Assert.False(CrsRegistry.IsKnown(srid), $"EPSG:{srid}");
    }

    [Fact]
    public void Definitions_MatchProjinfoNamesEllipsoidsAndParameters()
    {
        var parser = new CoordinateSystemFactory();
        var failures = new List<string>();
        foreach (var srid in CrsRegistry.All)
        {
            var reference = ProjCommand.Run("projinfo", [$"EPSG:{srid}", "-o", "WKT1_GDAL", "-q", "--single-line"]).Trim();
            var ours = CrsRegistry.Wkt(srid);
            parser.CreateFromWkt(ours); // must parse

            var referenceName = Regex.Match(reference, "^(?:PROJCS|GEOGCS)\\[\"([^\"]+)\"").Groups[1].Value;
            if (CrsRegistry.Name(srid) != referenceName) failures.Add($"EPSG:{srid} name '{CrsRegistry.Name(srid)}' vs '{referenceName}'");
            if (Spheroid(ours) != Spheroid(reference)) failures.Add($"EPSG:{srid} spheroid {Spheroid(ours)} vs {Spheroid(reference)}");
            if (CrsRegistry.IsGeographic(srid) != reference.StartsWith("GEOGCS", StringComparison.Ordinal)) failures.Add($"EPSG:{srid} geographic?");
            if (srid == 3857) continue; // GDAL writes Mercator_1SP + PROJ4 extension; checked numerically by the cs2cs tests
            foreach (var name in ComparedParameters)
                if (Parameter(ours, name) != Parameter(reference, name))
                    failures.Add($"EPSG:{srid} {name} {Parameter(ours, name)} vs {Parameter(reference, name)}");
            if (Projection(ours) != Projection(reference)) failures.Add($"EPSG:{srid} projection {Projection(ours)} vs {Projection(reference)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Name_FollowsEpsgWording()
    {
        Assert.Equal("CGCS2000 / 3-degree Gauss-Kruger CM 114E", CrsRegistry.Name(4547));
        Assert.Equal("Xian 1980 / 3-degree Gauss-Kruger zone 38", CrsRegistry.Name(2362));
        Assert.True(CrsRegistry.IsGeographic(4490));
        Assert.False(CrsRegistry.IsGeographic(3857));
        Assert.True(CrsRegistry.IsGaussKruger(2435));
    }

    [Fact]
    public void UnknownSrid_ThrowsCrsExceptionNamingSupportedRanges()
    {
        var e = Assert.Throws<CrsException>(() => CrsRegistry.Wkt(32650));
        Assert.Contains("32650", e.Message);
        Assert.Contains("4513–4533", e.Message);
        Assert.Contains("2349–2369", e.Message);
        Assert.Contains("2401–2421", e.Message);
        Assert.Throws<CrsException>(() => Reprojector.Transform(500000, 3800000, 32650, 4490));
    }

    private static string Spheroid(string wkt)
    {
        var m = Regex.Match(wkt, "SPHEROID\\[\"[^\"]*\",([0-9.eE+-]+),([0-9.eE+-]+)");
        return $"{double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture):R}/{double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture):R}";
    }

    private static double? Parameter(string wkt, string name)
    {
        var m = Regex.Match(wkt, $"PARAMETER\\[\"{name}\",([0-9.eE+-]+)\\]");
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static string? Projection(string wkt) => Regex.Match(wkt, "PROJECTION\\[\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } p ? p : null;
}
