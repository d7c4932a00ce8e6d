using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;

namespace OneBlueprint.Server.Tiles.Raster;

/// <summary>
/// A WMTS tile matrix set of 256-px tiles: <see cref="GoogleMapsCompatible"/> (EPSG:3857, the XYZ grid of
/// <see cref="TileAddress"/>, levels 0–20) or <see cref="Cgcs2000"/> (EPSG:4490 lon/lat like 天地图's "c" set:
/// level 1 is 2×1 tiles of 180°, each level halves the tile, levels 1–18). Columns grow east from the left
/// edge, rows grow south from the top edge. Scale denominators follow WMTS 1.0.0 (0.28 mm pixels; a degree
/// is 2π·6378137/360 m).
/// </summary>
public sealed class RasterGrid
{
    public const int TileSize = 256;

    /// <summary>The WMTS standardised rendering pixel size, metres.</summary>
    public const double PixelMetres = 0.00028;

    /// <summary>Metres per degree on the CGCS2000 / WGS 84 equator (semi-major axis 6378137 m).</summary>
    public const double MetresPerDegree = 2 * Math.PI * 6378137 / 360;

    public static readonly RasterGrid GoogleMapsCompatible = new("GoogleMapsCompatible", CrsCatalog.WebMercator, 0, TileAddress.MaxZoom,
        2 * TileAddress.WorldHalf, -TileAddress.WorldHalf, TileAddress.WorldHalf, 1, 1, "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible");

    public static readonly RasterGrid Cgcs2000 = new("CGCS2000", CrsCatalog.Cgcs2000, 1, 18, 360, -180, 90, MetresPerDegree, 2, null);

    private RasterGrid(string id, int srid, int minZoom, int maxZoom, double level0Size, double left, double top,
        double metresPerUnit, int level0Columns, string? wellKnownScaleSet)
    {
        Id = id;
        Srid = srid;
        MinZoom = minZoom;
        MaxZoom = maxZoom;
        _level0Size = level0Size;
        Left = left;
        Top = top;
        MetresPerUnit = metresPerUnit;
        _level0Columns = level0Columns;
        WellKnownScaleSet = wellKnownScaleSet;
    }

    private readonly double _level0Size;
    private readonly int _level0Columns;

    public static IReadOnlyList<RasterGrid> All { get; } = [GoogleMapsCompatible, Cgcs2000];

    public string Id { get; }
    public int Srid { get; }
    public int MinZoom { get; }
    public int MaxZoom { get; }
    public double Left { get; }
    public double Top { get; }
    public double MetresPerUnit { get; }
    public string? WellKnownScaleSet { get; }

    /// <summary>The CRS as WMTS names it (EPSG axis order applies: latitude first for 4490).</summary>
    public string CrsUrn => $"urn:ogc:def:crs:EPSG::{Srid}";

    /// <summary>Width of a tile at level z in CRS units (metres or degrees). Level 0 of 4490 would be one 360° tile.</summary>
    public double TileSpan(int z) => _level0Size / (1L << z);

    public double Resolution(int z) => TileSpan(z) / TileSize;

    public double ScaleDenominator(int z) => Resolution(z) * MetresPerUnit / PixelMetres;

    public long MatrixWidth(int z) => 1L << z;

    /// <summary>Rows: as many as columns for Mercator's square world, half as many for the 2:1 lon/lat world.</summary>
    public long MatrixHeight(int z) => (1L << z) / _level0Columns;

    public bool TryAddress(int z, int x, int y, out string? problem)
    {
        problem = null;
        if (z < MinZoom || z > MaxZoom) problem = $"level {z} is outside {MinZoom}–{MaxZoom} of {Id}";
        else if (x < 0 || x >= MatrixWidth(z)) problem = $"column {x} is outside 0–{MatrixWidth(z) - 1} at level {z} of {Id}";
        else if (y < 0 || y >= MatrixHeight(z)) problem = $"row {y} is outside 0–{MatrixHeight(z) - 1} at level {z} of {Id}";
        return problem is null;
    }

    /// <summary>The tile's rectangle in the grid's CRS (x = easting/longitude). For 3857 this is <see cref="TileAddress.Bounds"/>.</summary>
    public Envelope Bounds(int z, int x, int y)
    {
        if (Srid == CrsCatalog.WebMercator) return new TileAddress(z, x, y).Bounds;
        var span = TileSpan(z);
        var minX = Left + x * span;
        var maxY = Top - y * span;
        return new Envelope(minX, minX + span, maxY - span, maxY);
    }
}
