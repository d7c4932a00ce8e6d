using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;
using OneBlueprint.Geo.Crs;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Server.Tiles;

/// <summary>
/// Draws features of one layer into one MVT layer of one tile. Per feature: working CRS → EPSG:3857 →
/// tile units (0…<see cref="Extent"/>, y down) → clipped to the tile grown by <see cref="Buffer"/> units on
/// every side (so strokes and fills meet seamlessly across tile edges; the cut lies outside what a client
/// draws) → simplified with <see cref="SimplifyTolerance"/> units (Douglas-Peucker; rings collapsing below that are dropped)
/// → rounded to integers and encoded. An invalid source geometry that the clipper cannot handle is repaired
/// (GeometryValidator.Repair) and clipped again; a feature is skipped only if even that fails, so one bad
/// polygon never makes a tile vanish.
/// </summary>
public static class TileRenderer
{
    public const int Extent = MvtLayerBuilder.DefaultExtent;

    /// <summary>64 of 4096 units = 4 px of a 256-px tile: wider than any stroke the map page draws.</summary>
    public const int Buffer = 64;

    /// <summary>4 units = half a pixel of a 512-px (retina / MapLibre) tile, a quarter of a 256-px one.</summary>
    public const double SimplifyTolerance = 4;

    /// <summary>Adds every feature that shows in <paramref name="tile"/>; returns how many had to be repaired or were skipped.</summary>
    /// <remarks>
    /// <paramref name="ownsGeometries"/>: the features' geometries were made for this tile alone (freshly decoded), so
    /// they are transformed in place instead of copied first. <paramref name="simplified"/>: PostGIS already simplified
    /// them with <see cref="SimplifyTolerance"/> tile units (<see cref="TileDetail"/>), so they are not simplified again.
    /// </remarks>
    public static (int Repaired, int Skipped) AddFeatures(MvtLayerBuilder layer, IEnumerable<GeoFeature> features, int sourceSrid, TileAddress tile,
        bool ownsGeometries = false, bool simplified = false) =>
        AddFeatures(layer, features.Select(f => new TileFeature(ParseId(f.Id), f.Geometry, f.Attributes)), sourceSrid, tile, ownsGeometries, simplified);

    /// <inheritdoc cref="AddFeatures(MvtLayerBuilder, IEnumerable{GeoFeature}, int, TileAddress, bool, bool)"/>
    public static (int Repaired, int Skipped) AddFeatures(MvtLayerBuilder layer, IEnumerable<TileFeature> features, int sourceSrid, TileAddress tile,
        bool ownsGeometries = false, bool simplified = false)
    {
        var encoder = new MvtGeometryEncoder();
        var clip = new Envelope(-Buffer, Extent + Buffer, -Buffer, Extent + Buffer);
        var clipPolygon = GeometryKit.Factory(0).ToGeometry(clip);
        var bounds = tile.Bounds;
        var toUnits = new ToTileUnits(sourceSrid, bounds.MinX, bounds.MaxY, Extent / tile.Size);
        int repaired = 0, skipped = 0;
        foreach (var feature in features)
        {
            Geometry? geometry;
            try
            {
                var units = ownsGeometries ? feature.Geometry : feature.Geometry.Copy();
                toUnits.Apply(units);
                geometry = Clip(units, clip, clipPolygon, ref repaired);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                geometry = null; // e.g. a coordinate outside what the projection accepts: counted as skipped
            }
            if (geometry is null)
            {
                skipped++;
                continue;
            }
            if (geometry.IsEmpty) continue;
            if (!simplified) geometry = Simplify(geometry);
            var (type, commands) = encoder.Encode(geometry);
            if (type == MvtGeometryType.Unknown) continue;
            layer.AddFeature(feature.Id, feature.Attributes, type, commands);
        }
        return (repaired, skipped);
    }

    /// <summary>The part inside the buffered tile; empty when outside; null when it cannot be clipped even after repair.</summary>
    private static Geometry? Clip(Geometry g, Envelope clip, Geometry clipPolygon, ref int repaired)
    {
        var env = g.EnvelopeInternal;
        if (!env.Intersects(clip)) return g.Factory.CreateGeometryCollection();
        if (clip.Contains(env)) return g;
        try
        {
            return ClipTo(g, clipPolygon);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An invalid source geometry (self-intersection, bad ring) can defeat the overlay: repair and go on.
            repaired++;
            try
            {
                return ClipTo(GeometryValidator.Repair(g), clipPolygon);
            }
            catch (Exception again) when (again is not OperationCanceledException)
            {
                return null;
            }
        }
    }

    /// <summary>OverlayNG whatever factory the geometry came from (the old overlay gives up on far more inputs).</summary>
    private static Geometry ClipTo(Geometry g, Geometry clipPolygon) =>
        NetTopologySuite.Operation.OverlayNG.OverlayNGRobust.Overlay(g, clipPolygon, NetTopologySuite.Operation.Overlay.SpatialFunction.Intersection);

    private static Geometry Simplify(Geometry g)
    {
        if (g is Point or MultiPoint) return g;
        try
        {
            // Douglas-Peucker without its validity repair (a buffer(0) per polygon, the slow part): at half a
            // pixel a ring can only touch itself where the integer grid would have made it touch anyway.
            var simplified = new DouglasPeuckerSimplifier(g) { DistanceTolerance = SimplifyTolerance, EnsureValidTopology = false }.GetResultGeometry();
            if (g is IPolygonal && simplified is not IPolygonal)
                simplified = g.Factory.BuildGeometry(NetTopologySuite.Geometries.Utilities.PolygonExtracter.GetPolygons(simplified));
            return simplified.IsEmpty ? g : simplified;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return g; // unsimplified beats missing
        }
    }

    private static ulong? ParseId(string? id) =>
        ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// Source CRS → EPSG:3857 → tile units (y flipped to point down), in place, one coordinate sequence at a time
    /// through the array form of the reprojection (no per-point or per-feature allocation beyond pooled buffers).
    /// </summary>
    private sealed class ToTileUnits(int sourceSrid, double minX, double maxY, double scale)
    {
        private double[] _xs = new double[256];
        private double[] _ys = new double[256];

        public void Apply(Geometry g)
        {
            Walk(g);
            g.GeometryChanged();
        }

        private void Walk(Geometry g)
        {
            switch (g)
            {
                case Point p: Sequence(p.CoordinateSequence); break;
                case LineString l: Sequence(l.CoordinateSequence); break;
                case Polygon p:
                    Sequence(p.ExteriorRing.CoordinateSequence);
                    foreach (var hole in p.InteriorRings) Sequence(hole.CoordinateSequence);
                    break;
                default:
                    for (var i = 0; i < g.NumGeometries; i++) Walk(g.GetGeometryN(i));
                    break;
            }
        }

        private void Sequence(CoordinateSequence seq)
        {
            var n = seq.Count;
            if (n == 0) return;
            if (_xs.Length < n)
            {
                _xs = new double[Math.Max(n, 2 * _xs.Length)];
                _ys = new double[_xs.Length];
            }
            var xs = _xs.AsSpan(0, n);
            var ys = _ys.AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                xs[i] = seq.GetX(i);
                ys[i] = seq.GetY(i);
            }
            if (sourceSrid != 3857) Reprojector.Transform(xs, ys, sourceSrid, 3857);
            for (var i = 0; i < n; i++)
            {
                seq.SetX(i, (xs[i] - minX) * scale);
                seq.SetY(i, (maxY - ys[i]) * scale);
            }
        }
    }
}
