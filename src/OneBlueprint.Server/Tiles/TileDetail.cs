namespace OneBlueprint.Server.Tiles;

/// <summary>
/// How much of a layer a tile needs, in metres of the working CRS, worked out per tile from its zoom and latitude
/// (<see cref="For"/>): features smaller than <see cref="MinSize"/> in both directions are not drawn, and geometry
/// may be simplified with <see cref="SimplifyTolerance"/> before it is fetched. Zero means "everything, as stored".
/// </summary>
public sealed record TileDetail(double MinSize, double SimplifyTolerance)
{
    public static TileDetail Full { get; } = new(0, 0);

    /// <summary>Below this zoom, features smaller than a pixel are left out (PostGIS's ST_AsMVT keeps them).</summary>
    public const int DropSubPixelBelowZoom = 14;

    /// <summary>A pixel of a 512-px (retina) tile, in tile units: the smallest thing a client can show.</summary>
    public const double PixelUnits = TileRenderer.Extent / 512.0;

    /// <summary>
    /// The detail of <paramref name="tile"/>: a tile unit in ground metres at the tile's edge farthest from the
    /// equator (the smallest there: Mercator stretches by 1/cos φ), so nothing larger than the stated sizes is lost
    /// anywhere in the tile. Pre-simplification uses the renderer's own tolerance (Douglas-Peucker in the working CRS
    /// instead of in tile units: the projections are conformal, so locally the same up to the scale used here), and
    /// the renderer then does not simplify again.
    /// </summary>
    public static TileDetail For(TileAddress tile)
    {
        var bounds = tile.Bounds;
        static double Lat(double y) => Math.Atan(Math.Sinh(y / TileAddress.WorldHalf * Math.PI));
        var cos = Math.Min(Math.Cos(Lat(bounds.MinY)), Math.Cos(Lat(bounds.MaxY)));
        var unitMetres = tile.Size / TileRenderer.Extent * cos * 0.99; // 1 % for the Gauss-Krüger scale factor
        return new TileDetail(
            tile.Z < DropSubPixelBelowZoom ? PixelUnits * unitMetres : 0,
            TileRenderer.SimplifyTolerance * unitMetres);
    }
}
