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
    public static (int Repaired, int Skipped) AddFeatures(MvtLayerBuilder layer, IEnumerable<GeoFeature> features, int sourceSrid, TileAddress tile)
    {
        var encoder = new MvtGeometryEncoder();
        var clip = new Envelope(-Buffer, Extent + Buffer, -Buffer, Extent + Buffer);
        var clipPolygon = GeometryKit.Factory(0).ToGeometry(clip);
        var bounds = tile.Bounds;
        var scale = Extent / tile.Size;
        int repaired = 0, skipped = 0;
        foreach (var feature in features)
        {
            Geometry? geometry;
            try
            {
                var mercator = sourceSrid == 3857 ? feature.Geometry.Copy() : Reprojector.Transform(feature.Geometry, sourceSrid, 3857);
                mercator.Apply(new ToTileUnits(bounds.MinX, bounds.MaxY, scale));
                mercator.GeometryChanged();
                geometry = Clip(mercator, clip, clipPolygon, ref repaired);
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
            geometry = Simplify(geometry);
            var (type, commands) = encoder.Encode(geometry);
            if (type == MvtGeometryType.Unknown) continue;
            layer.AddFeature(ParseId(feature.Id), feature.Attributes, type, commands);
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

    /// <summary>EPSG:3857 metres → tile units, y flipped to point down.</summary>
    private sealed class ToTileUnits(double minX, double maxY, double scale) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, (seq.GetX(i) - minX) * scale);
            seq.SetY(i, (maxY - seq.GetY(i)) * scale);
        }
    }
}
