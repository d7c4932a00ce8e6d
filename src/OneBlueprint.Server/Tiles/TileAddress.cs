using NetTopologySuite.Geometries;

namespace OneBlueprint.Server.Tiles;

/// <summary>
/// A tile of the Web Mercator (EPSG:3857) XYZ grid used by OpenStreetMap, Google and Mapbox: zoom z has
/// 2^z × 2^z tiles, x grows east from −180°, y grows south from the top (≈85.0511° N). Valid only when
/// 0 ≤ z ≤ <see cref="MaxZoom"/> and 0 ≤ x, y &lt; 2^z (use <see cref="TryCreate"/>).
/// </summary>
public readonly record struct TileAddress(int Z, int X, int Y)
{
    public const int MaxZoom = 20;

    /// <summary>Half the width of the Web Mercator world in metres (π × 6378137).</summary>
    public const double WorldHalf = 20037508.342789244;

    public static bool TryCreate(int z, int x, int y, out TileAddress tile, out string? problem)
    {
        tile = default;
        problem = null;
        if (z < 0 || z > MaxZoom) problem = $"zoom {z} is outside 0–{MaxZoom}";
        else if (x < 0 || x >= 1L << z) problem = $"x {x} is outside 0–{(1L << z) - 1} at zoom {z}";
        else if (y < 0 || y >= 1L << z) problem = $"y {y} is outside 0–{(1L << z) - 1} at zoom {z}";
        else tile = new TileAddress(z, x, y);
        return problem is null;
    }

    /// <summary>Width (= height) of this tile in EPSG:3857 metres.</summary>
    public double Size => 2 * WorldHalf / (1L << Z);

    /// <summary>The tile's square in EPSG:3857.</summary>
    public Envelope Bounds
    {
        get
        {
            var size = Size;
            var minX = -WorldHalf + X * size;
            var maxY = WorldHalf - Y * size;
            return new Envelope(minX, minX + size, maxY - size, maxY);
        }
    }

    /// <summary>The square grown by <paramref name="buffer"/> tile units (of <paramref name="extent"/>) on every side.</summary>
    public Envelope BufferedBounds(int buffer, int extent)
    {
        var b = Bounds;
        var grow = Size * buffer / extent;
        return new Envelope(b.MinX - grow, b.MaxX + grow, b.MinY - grow, b.MaxY + grow);
    }

    public override string ToString() => $"{Z}/{X}/{Y}";
}
