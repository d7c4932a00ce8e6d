using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Storage.Geometries;

/// <summary>
/// Our own mapping between NetTopologySuite geometries and PostGIS (the NTS plugins for Npgsql are not
/// obtainable here). Geometries travel as EWKB — little-endian WKB whose type word carries the SRID flag
/// and, for 3D data, the Z flag:
/// <list type="bullet">
/// <item>writing: <see cref="ToEwkb(Geometry)"/> bytes go out as <c>bytea</c> into <c>ST_GeomFromEWKB($n)</c>,
/// or straight into a <c>geometry</c> column in binary COPY (PostGIS's binary receive function parses EWKB);</item>
/// <item>reading: select <c>ST_AsEWKB(geom)</c> (or <c>ST_AsBinary</c>, which has no SRID) and pass the bytes
/// to <see cref="FromWkb"/>.</item>
/// </list>
/// Z is written only when some coordinate has one (2D stays 2D); M is not kept. Geometries read back come
/// from <see cref="GeometryKit"/> factories (OverlayNG), with the SRID the bytes carry.
/// Reader and writer instances are not thread-safe, so each thread gets its own.
/// </summary>
public static class GeometryCodec
{
    [ThreadStatic] private static WKBWriter? _writer2D;
    [ThreadStatic] private static WKBWriter? _writer3D;
    [ThreadStatic] private static WKBReader? _reader;

    /// <summary>EWKB of <paramref name="geometry"/> with its own SRID.</summary>
    public static byte[] ToEwkb(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var writer = HasZ(geometry)
            ? _writer3D ??= new WKBWriter(ByteOrder.LittleEndian, handleSRID: true, emitZ: true, emitM: false)
            : _writer2D ??= new WKBWriter(ByteOrder.LittleEndian, handleSRID: true, emitZ: false, emitM: false);
        return writer.Write(geometry);
    }

    /// <summary>EWKB of <paramref name="geometry"/> labelled with <paramref name="srid"/> (the geometry is not changed).</summary>
    public static byte[] ToEwkb(Geometry geometry, int srid)
    {
        if (geometry.SRID == srid) return ToEwkb(geometry);
        var copy = geometry.Copy();
        copy.SRID = srid;
        return ToEwkb(copy);
    }

    /// <summary>
    /// Geometry from EWKB (SRID taken from the bytes) or plain WKB (SRID = <paramref name="sridIfMissing"/>, else 0).
    /// </summary>
    public static Geometry FromWkb(byte[] bytes, int? sridIfMissing = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var reader = _reader ??= new WKBReader(GeometryKit.Services) { HandleSRID = true };
        var geometry = reader.Read(bytes);
        if (geometry.SRID <= 0 && sridIfMissing is int srid) geometry.SRID = srid;
        return geometry;
    }

    /// <summary>A <c>bytea</c> parameter carrying the EWKB; use it as <c>ST_GeomFromEWKB($n)</c>.</summary>
    public static NpgsqlParameter Parameter(Geometry geometry) =>
        new() { Value = ToEwkb(geometry), NpgsqlDbType = NpgsqlDbType.Bytea };

    /// <summary>A <c>bytea</c> parameter carrying the EWKB labelled with <paramref name="srid"/>.</summary>
    public static NpgsqlParameter Parameter(Geometry geometry, int srid) =>
        new() { Value = ToEwkb(geometry, srid), NpgsqlDbType = NpgsqlDbType.Bytea };

    /// <summary>True when any coordinate has a Z value (NTS uses NaN for "no Z").</summary>
    public static bool HasZ(Geometry geometry)
    {
        var finder = new ZFinder();
        geometry.Apply(finder);
        return finder.Found;
    }

    private sealed class ZFinder : IEntireCoordinateSequenceFilter
    {
        public bool Found { get; private set; }
        public bool Done => Found;
        public bool GeometryChanged => false;

        public void Filter(CoordinateSequence seq)
        {
            if (!seq.HasZ) return;
            for (var i = 0; i < seq.Count && !Found; i++)
                if (!double.IsNaN(seq.GetZ(i))) Found = true;
        }
    }
}
