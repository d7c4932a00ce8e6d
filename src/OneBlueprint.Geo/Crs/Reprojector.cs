using System.Buffers;
using System.Collections.Concurrent;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Geo.Crs;

/// <summary>
/// Transforms coordinates and geometries between the systems of <see cref="CrsRegistry"/>.
/// <list type="bullet">
/// <item>Axis order is always x = easting/longitude, y = northing/latitude, in and out. EPSG:4490 (and 4326)
/// are latitude-first by definition and EPSG's GK systems northing-first; OneBlueprint does not follow that
/// internally: readers swap at the edge (TXT "X(北),Y(东)", GML/WFS lat-first) and nothing else does.</item>
/// <item>CGCS2000 and WGS 84 are treated as identical (4326 ≡ 4490, 3857 is built on CGCS2000 lon/lat): the two
/// frames agree within a few centimetres in China, below the accuracy of any published transformation.</item>
/// <item>Xian 1980 / Beijing 1954 ↔ CGCS2000 use the 7-parameter set from <see cref="DatumShiftSettings"/>; without one
/// a <see cref="CrsException"/> explains how to configure it. GK zone changes within one datum need nothing.</item>
/// </list>
/// Transformations are compiled once per (from, to) pair and cached; everything here is thread-safe.
/// </summary>
public static class Reprojector
{
    private static ConcurrentDictionary<(int, int), CoordinatePipeline> _cache = new();
    private static int _cacheVersion = DatumShiftSettings.Version;

    /// <summary>One point.</summary>
    public static (double X, double Y) Transform(double x, double y, int fromSrid, int toSrid)
    {
        Span<double> xs = [x];
        Span<double> ys = [y];
        Pipeline(fromSrid, toSrid).Apply(xs, ys);
        return (xs[0], ys[0]);
    }

    /// <summary>Many points in place: the fast path (no allocation; ProjNet's span transform).</summary>
    public static void Transform(Span<double> xs, Span<double> ys, int fromSrid, int toSrid)
    {
        if (xs.Length != ys.Length) throw new ArgumentException($"xs has {xs.Length} values but ys has {ys.Length}", nameof(ys));
        if (xs.Length == 0)
        {
            Pipeline(fromSrid, toSrid); // still reject unknown systems and missing parameters
            return;
        }
        Pipeline(fromSrid, toSrid).Apply(xs, ys);
    }

    /// <summary>
    /// A transformed copy of <paramref name="geometry"/> made by <c>GeometryKit.Factory(toSrid)</c> with SRID
    /// <paramref name="toSrid"/>. The geometry's own SRID is not consulted: <paramref name="fromSrid"/> says what
    /// its coordinates are. Z and M ordinates are copied unchanged.
    /// </summary>
    public static Geometry Transform(Geometry geometry, int fromSrid, int toSrid)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var pipeline = Pipeline(fromSrid, toSrid);
        var factory = GeometryKit.Factory(toSrid);
        var editor = new GeometryEditor(factory);
        var result = editor.Edit(geometry, new GeometryEditor.CoordinateSequenceOperation(
            (sequence, _) => TransformSequence(sequence, factory.CoordinateSequenceFactory, pipeline)));
        result.SRID = toSrid;
        return result;
    }

    /// <summary>
    /// Throws <see cref="CrsException"/> now if <paramref name="fromSrid"/> → <paramref name="toSrid"/> cannot be done
    /// (unknown code, missing 7-parameter set), so callers can fail before reading a large input.
    /// </summary>
    public static void EnsureSupported(int fromSrid, int toSrid) => Pipeline(fromSrid, toSrid);

    private static CoordinateSequence TransformSequence(CoordinateSequence source, CoordinateSequenceFactory sequenceFactory, CoordinatePipeline pipeline)
    {
        var count = source.Count;
        var copy = sequenceFactory.Create(count, source.Dimension, source.Measures);
        if (count == 0) return copy;
        var xs = ArrayPool<double>.Shared.Rent(count);
        var ys = ArrayPool<double>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                xs[i] = source.GetX(i);
                ys[i] = source.GetY(i);
            }
            pipeline.Apply(xs.AsSpan(0, count), ys.AsSpan(0, count));
            for (var i = 0; i < count; i++)
            {
                copy.SetX(i, xs[i]);
                copy.SetY(i, ys[i]);
                for (var d = 2; d < source.Dimension; d++)
                    copy.SetOrdinate(i, d, source.GetOrdinate(i, d));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(xs);
            ArrayPool<double>.Shared.Return(ys);
        }
        return copy;
    }

    private static CoordinatePipeline Pipeline(int fromSrid, int toSrid)
    {
        var version = DatumShiftSettings.Version;
        var cache = Volatile.Read(ref _cache);
        if (Volatile.Read(ref _cacheVersion) != version)
        {
            // Datum-shift settings changed: start a fresh cache rather than patch entries.
            cache = new ConcurrentDictionary<(int, int), CoordinatePipeline>();
            Volatile.Write(ref _cache, cache);
            Volatile.Write(ref _cacheVersion, version);
        }
        if (cache.TryGetValue((fromSrid, toSrid), out var cached) && cached.SettingsVersion == version)
            return cached;
        var built = CoordinatePipeline.Build(fromSrid, toSrid);
        cache[(fromSrid, toSrid)] = built;
        return built;
    }
}
