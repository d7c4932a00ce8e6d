using NetTopologySuite.Geometries;

namespace OneBlueprint.Server.Tests.Tiles;

/// <summary>
/// The OpenStreetMap "slippy map" tile formulas (wiki.openstreetmap.org/wiki/Slippy_map_tilenames), written
/// out here independently of the server's TileAddress: lon/lat ↔ fractional tile numbers.
/// </summary>
public readonly record struct SlippyTile(int Z, int X, int Y)
{
    public static SlippyTile Containing(double lon, double lat, int z)
    {
        var n = Math.Pow(2, z);
        var rad = lat * Math.PI / 180;
        return new SlippyTile(z, (int)Math.Floor((lon + 180) / 360 * n),
            (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n));
    }

    public double Lon(double fx) => (X + fx) / Math.Pow(2, Z) * 360 - 180;

    /// <summary>Latitude at fractional tile row Y + fy (fy grows southwards).</summary>
    public double Lat(double fy) => Math.Atan(Math.Sinh(Math.PI * (1 - 2 * (Y + fy) / Math.Pow(2, Z)))) * 180 / Math.PI;

    /// <summary>The tile in lon/lat, grown by <paramref name="units"/> of 4096 on every side (a Mercator rectangle is a lon/lat rectangle).</summary>
    public Envelope LonLatBounds(double units = 0)
    {
        var f = units / 4096;
        return new Envelope(Lon(-f), Lon(1 + f), Lat(1 + f), Lat(-f));
    }

    /// <summary>One tile unit (1/4096 of the width) in degrees of longitude; a unit of latitude is smaller.</summary>
    public double UnitDegrees => 360 / Math.Pow(2, Z) / 4096;
}
