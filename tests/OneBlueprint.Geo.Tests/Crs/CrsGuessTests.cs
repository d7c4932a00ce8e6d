using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Geo.Tests.Crs;

/// <summary>CrsGuess on coordinates from the cs2cs reference file and on typical mistakes made with them.</summary>
public class CrsGuessTests
{
    private static readonly IReadOnlyList<HenanReferencePoints.Point> Points = HenanReferencePoints.Load();

    // Zhengzhou, Kaifeng, Xinxiang, Yanjin: all in zone 38 (113.5°–114.5°E).
    private static readonly string[] Zone38Cities = ["郑州市", "开封市", "新乡市", "延津县"];

    private static Envelope Projected(int srid, IEnumerable<string> names, bool swap = false)
    {
        var envelope = new Envelope();
        foreach (var p in Points.Where(p => names.Contains(p.Name)))
        {
            var (e, n) = p.Projected[srid];
            envelope.ExpandToInclude(swap ? n : e, swap ? e : n);
        }
        return envelope;
    }

    private static Envelope LonLat(IEnumerable<string> names, bool swap = false)
    {
        var envelope = new Envelope();
        foreach (var p in Points.Where(p => names.Contains(p.Name)))
            envelope.ExpandToInclude(swap ? p.Lat : p.Lon, swap ? p.Lon : p.Lat);
        return envelope;
    }

    [Theory]
    [InlineData(38_465_650.0, 38)]
    [InlineData(25_500_000.0, 25)]
    [InlineData(45_999_999.0, 45)]
    [InlineData(465_650.0, null)]
    [InlineData(3_846_600.0, null)]
    [InlineData(24_999_999.0, null)]
    public void ZoneFromEasting_ReadsThePrefix(double easting, int? zone) => Assert.Equal(zone, CrsCatalog.ZoneFromEasting(easting));

    [Fact]
    public void FromEnvelope_LonLatInChina_SuggestsCgcs2000()
    {
        var guess = CrsGuess.Guess(LonLat(Zone38Cities));
        Assert.Equal(CoordinateLayout.LonLatDegrees, guess.Layout);
        Assert.Equal(4490, guess.SuggestedSrid);
        Assert.False(guess.AxesSwapped);
    }

    [Fact]
    public void FromEnvelope_LatitudeFirst_SaysSwapped()
    {
        var guess = CrsGuess.Guess(LonLat(Zone38Cities, swap: true));
        Assert.Equal(CoordinateLayout.LonLatSwapped, guess.Layout);
        Assert.True(guess.AxesSwapped);
        Assert.Contains("swapped", guess.Description);
    }

    [Theory]
    [InlineData(4525, 37)]
    [InlineData(4526, 38)]
    [InlineData(4527, 39)]
    public void FromEnvelope_PrefixedEastings_GiveTheZoneFromThePrefix(int srid, int zone)
    {
        var near = Points.Where(p => Math.Abs(p.Lon - zone * 3) < 2.4).Select(p => p.Name).ToList();
        var guess = CrsGuess.Guess(Projected(srid, near));
        Assert.Equal(CoordinateLayout.GaussKrugerPrefixed, guess.Layout);
        Assert.Equal(srid, guess.SuggestedSrid);
        Assert.Contains($"zone prefix {zone}", guess.Description);
    }

    [Fact]
    public void FromEnvelope_PrefixedEastingsWithDeclaredXian_KeepsTheDatum()
    {
        var guess = CrsGuess.Guess(Projected(4526, Zone38Cities), declaredSrid: 2383 /* Xian 1980 CM 114 */);
        Assert.Equal(2362, guess.SuggestedSrid); // Xian 1980 zone 38, prefixed
    }

    [Fact]
    public void FromEnvelope_UnprefixedEastings_NeedAZone()
    {
        var guess = CrsGuess.Guess(Projected(4547, Zone38Cities));
        Assert.Equal(CoordinateLayout.GaussKrugerUnprefixed, guess.Layout);
        Assert.Null(guess.SuggestedSrid);
        Assert.Contains("带号", guess.Description);

        var hinted = CrsGuess.Guess(Projected(4547, Zone38Cities), declaredSrid: 4526);
        Assert.Equal(4547, hinted.SuggestedSrid);
    }

    [Fact]
    public void FromEnvelope_NorthingFirstWithPrefix_SaysXAndYLookSwapped()
    {
        var guess = CrsGuess.Guess(Projected(4526, Zone38Cities, swap: true));
        Assert.Equal(CoordinateLayout.GaussKrugerSwapped, guess.Layout);
        Assert.Contains("X and Y look swapped (X=北 first?)", guess.Description);
        Assert.Equal(4526, guess.SuggestedSrid);
        Assert.True(guess.AxesSwapped);
    }

    [Fact]
    public void FromEnvelope_NorthingFirstWithoutPrefix_SaysXAndYLookSwapped()
    {
        var guess = CrsGuess.Guess(Projected(4547, Zone38Cities, swap: true));
        Assert.Equal(CoordinateLayout.GaussKrugerSwapped, guess.Layout);
        Assert.Contains("X and Y look swapped (X=北 first?)", guess.Description);
    }

    [Fact]
    public void FromEnvelope_WebMercator_IsRecognised()
    {
        // Web Mercator from cs2cs, not from our own code.
        var points = ProjCommand.Cs2cs("EPSG:4326", "EPSG:3857", Points.Take(19).Select(p => (p.Lat, p.Lon)));
        var envelope = new Envelope();
        foreach (var (x, y) in points) envelope.ExpandToInclude(x, y);
        var guess = CrsGuess.Guess(envelope);
        Assert.Equal(CoordinateLayout.WebMercator, guess.Layout);
        Assert.Equal(3857, guess.SuggestedSrid);
        Assert.True(CrsGuess.LooksConsistent(envelope, 3857, out _));
    }

    [Fact]
    public void FromEnvelope_MixedZonePrefixes_AreNotGuessed()
    {
        var envelope = new Envelope(37_744_065.9, 38_531_246.9, 3_847_794.0, 3_857_170.7);
        var guess = CrsGuess.Guess(envelope);
        Assert.Equal(CoordinateLayout.Unknown, guess.Layout);
        Assert.Null(guess.SuggestedSrid);
        Assert.Contains("mix zone prefixes", guess.Description);
    }

    [Theory]
    [InlineData(4525)]
    [InlineData(4526)]
    [InlineData(4527)]
    [InlineData(4546)]
    [InlineData(4547)]
    [InlineData(4548)]
    public void LooksConsistent_RightSystem_IsTrue(int srid)
    {
        var cm = CrsCatalog.CentralMeridian(CrsCatalog.DescribeGaussKruger(srid)!.Value.Zone);
        var near = Points.Where(p => Math.Abs(p.Lon - cm) < 2.4).Select(p => p.Name).ToList();
        Assert.NotEmpty(near);
        Assert.True(CrsGuess.LooksConsistent(Projected(srid, near), srid, out var reason), reason);
    }

    [Fact]
    public void LooksConsistent_Zone38CoordinatesDeclaredZone37_IsFalseNamingThePrefix()
    {
        Assert.False(CrsGuess.LooksConsistent(Projected(4526, Zone38Cities), 4525, out var reason));
        Assert.Contains("zone prefix 38", reason);
        Assert.Contains("EPSG:4526", reason);

        var guess = CrsGuess.Guess(Projected(4526, Zone38Cities), declaredSrid: 4525);
        Assert.Equal(4526, guess.SuggestedSrid);
        Assert.Contains("does not fit", guess.Description);
    }

    [Fact]
    public void LooksConsistent_UnprefixedCoordinatesFarFromTheDeclaredMeridian_IsFalse()
    {
        // Kaifeng and Shangqiu computed on CM 111°E (EPSG:4546) but declared CM 117°E (EPSG:4548).
        var envelope = Projected(4546, ["开封市", "商丘市"]);
        Assert.False(CrsGuess.LooksConsistent(envelope, 4548, out var reason));
        Assert.Contains("central meridian 117", reason);
    }

    [Fact]
    public void LooksConsistent_PrefixPresenceMismatch_IsFalse()
    {
        Assert.False(CrsGuess.LooksConsistent(Projected(4526, Zone38Cities), 4547, out var prefixedAsPlain));
        Assert.Contains("EPSG:4526", prefixedAsPlain);
        Assert.False(CrsGuess.LooksConsistent(Projected(4547, Zone38Cities), 4526, out var plainAsPrefixed));
        Assert.Contains("EPSG:4547", plainAsPrefixed);
    }

    [Fact]
    public void LooksConsistent_SwappedAxes_IsFalse()
    {
        Assert.False(CrsGuess.LooksConsistent(Projected(4526, Zone38Cities, swap: true), 4526, out var reason));
        Assert.Contains("swapped", reason);
        Assert.False(CrsGuess.LooksConsistent(LonLat(Zone38Cities, swap: true), 4490, out _));
    }

    [Fact]
    public void LooksConsistent_DegreesAndMetresConfused_IsFalse()
    {
        Assert.False(CrsGuess.LooksConsistent(Projected(4547, Zone38Cities), 4490, out var metresAsDegrees));
        Assert.Contains("degrees", metresAsDegrees);
        Assert.False(CrsGuess.LooksConsistent(LonLat(Zone38Cities), 4547, out var degreesAsMetres));
        Assert.Contains("degrees", degreesAsMetres);
    }

    [Fact]
    public void LooksConsistent_OutsideChina_IsFalse()
    {
        Assert.False(CrsGuess.LooksConsistent(new Envelope(2.2, 2.5, 48.7, 48.9), 4490, out var paris));
        Assert.Contains("outside China", paris);
        Assert.True(CrsGuess.LooksConsistent(LonLat(Zone38Cities), 4490, out _));
        Assert.False(CrsGuess.LooksConsistent(LonLat(Zone38Cities), 9999, out var unknown));
        Assert.Contains("not a supported", unknown);
    }
}
