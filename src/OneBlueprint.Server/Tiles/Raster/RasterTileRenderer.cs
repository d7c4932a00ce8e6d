using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Server.Tiles.Raster;

/// <summary>
/// Paints one layer's features into a 256×256 PNG of a <see cref="RasterGrid"/> tile: working CRS → grid CRS
/// → clipped to the tile grown by <see cref="BufferPixels"/> (cairo's fixed-point coordinates overflow for
/// far-away vertices at deep zooms; the cut edges lie outside the image, so strokes along them never show)
/// → pixels. Polygons are filled even-odd (holes stay transparent) then outlined; lines are stroked; points
/// are small discs. A geometry the clipper rejects is repaired once; one that still fails is skipped, never
/// the whole tile.
/// </summary>
public static class RasterTileRenderer
{
    public const int BufferPixels = 8;

    public static byte[] Render(IEnumerable<GeoFeature> features, int sourceSrid, RasterGrid grid, int z, int x, int y, RasterStyle style)
    {
        var bounds = grid.Bounds(z, x, y);
        var resolution = grid.Resolution(z);
        var clip = new Envelope(bounds.MinX - BufferPixels * resolution, bounds.MaxX + BufferPixels * resolution,
            bounds.MinY - BufferPixels * resolution, bounds.MaxY + BufferPixels * resolution);
        var clipPolygon = GeometryKit.Factory(grid.Srid).ToGeometry(clip);
        using var canvas = new CairoCanvas(RasterGrid.TileSize, RasterGrid.TileSize);
        foreach (var feature in features)
        {
            var geometry = Prepare(feature.Geometry, sourceSrid, grid.Srid, clip, clipPolygon);
            if (geometry is null || geometry.IsEmpty) continue;
            Paint(canvas, geometry, bounds.MinX, bounds.MaxY, resolution, style);
        }
        return canvas.ToPng();
    }

    private static Geometry? Prepare(Geometry source, int sourceSrid, int gridSrid, Envelope clip, Geometry clipPolygon)
    {
        try
        {
            var g = sourceSrid == gridSrid ? source : Reprojector.Transform(source, sourceSrid, gridSrid);
            if (!g.EnvelopeInternal.Intersects(clip)) return null;
            if (clip.Contains(g.EnvelopeInternal)) return g;
            try
            {
                return g.Intersection(clipPolygon);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return GeometryValidator.Repair(g).Intersection(clipPolygon); // a self-intersecting source defeats the overlay
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    private static void Paint(CairoCanvas canvas, Geometry g, double left, double top, double resolution, RasterStyle style)
    {
        (double, double) Px(Coordinate c) => ((c.X - left) / resolution, (top - c.Y) / resolution);
        void Path(Coordinate[] coords, bool close)
        {
            for (var i = 0; i < coords.Length; i++)
            {
                var (px, py) = Px(coords[i]);
                if (i == 0) canvas.MoveTo(px, py); else canvas.LineTo(px, py);
            }
            if (close) canvas.ClosePath();
        }

        switch (g)
        {
            case GeometryCollection collection:
                foreach (var part in collection.Geometries) Paint(canvas, part, left, top, resolution, style);
                return;
            case Polygon polygon:
                canvas.NewPath();
                Path(polygon.ExteriorRing.Coordinates, true);
                foreach (var hole in polygon.InteriorRings) Path(hole.Coordinates, true);
                if (style.Fill is { } fill) canvas.FillPreserve(fill);
                if (style.Stroke is { } outline) canvas.Stroke(outline, style.StrokeWidth, style.Dash);
                else canvas.NewPath();
                return;
            case LineString line:
                canvas.NewPath();
                Path(line.Coordinates, false);
                canvas.Stroke(style.Stroke ?? style.Fill ?? RasterStyle.Fallback.Stroke!.Value, Math.Max(1, style.StrokeWidth), style.Dash);
                return;
            case Point point:
                canvas.NewPath();
                var (x, y) = Px(point.Coordinate);
                canvas.Circle(x, y, 3);
                canvas.FillPreserve(style.Fill ?? style.Stroke ?? RasterStyle.Fallback.Stroke!.Value);
                canvas.Stroke(style.Stroke ?? RasterStyle.Fallback.Stroke!.Value, 1, []);
                return;
        }
    }
}
