using System.Buffers.Binary;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace OneBlueprint.Formats.Shapefile.Shp;

/// <summary>
/// Writes .shp and .shx. Polygon rings are written shells clockwise and holes counter-clockwise (the
/// specification's rule; reversed where the geometry has them the other way). Empty geometries become
/// Null shapes. Z is written when any coordinate has one (coordinates without Z get 0); M never.
/// Record and part bounding boxes and the header box and Z range are computed from the coordinates.
/// </summary>
internal static class ShpWriter
{
    /// <summary>Offsets are 16-bit words in a signed 32-bit integer; tools agree on 2 GB as the limit.</summary>
    public const long MaxFileBytes = int.MaxValue;

    /// <summary>The layer's shape type; fails when the geometries are of more than one family.</summary>
    public static ShapeType LayerType(IReadOnlyList<Geometry?> geometries, string file)
    {
        var family = ShapeFamily.None;
        var hasZ = false;
        for (var i = 0; i < geometries.Count; i++)
        {
            var geometry = geometries[i];
            if (geometry is null || geometry.IsEmpty) continue;
            var next = FamilyOf(geometry);
            if (next == ShapeFamily.None)
                throw ShapefileProblems.Error("unsupported-geometry",
                    $"Feature {i + 1} is a {geometry.GeometryType}, which a shapefile cannot hold", file,
                    "Shapefiles hold points, lines or polygons: split geometry collections into their parts first.", i + 1, 422);
            if (family == ShapeFamily.None || (family, next) is (ShapeFamily.Point, ShapeFamily.MultiPoint))
                family = next;
            else if (!(family == next || (family, next) is (ShapeFamily.MultiPoint, ShapeFamily.Point)))
                throw ShapefileProblems.Error("mixed-geometry",
                    $"Feature {i + 1} is a {geometry.GeometryType}, but earlier features are {family} shapes; a shapefile holds one kind of geometry",
                    file, "Write points, lines and polygons to separate shapefiles (or use GeoPackage).", i + 1, 422);
            hasZ |= HasZ(geometry);
        }
        return ShapeTypes.For(family, hasZ);
    }

    public static void Write(Stream shp, Stream shx, IReadOnlyList<Geometry?> geometries, ShapeType type, string file)
    {
        var header = new byte[ShpHeader.Length];
        shp.Write(header); // placeholder until the box and length are known
        var index = new MemoryStream(ShpHeader.Length + 8 * geometries.Count);
        index.Write(header);

        var box = new Envelope();
        double zMin = double.PositiveInfinity, zMax = double.NegativeInfinity;
        long offset = ShpHeader.Length;
        var record = new RecordBuffer();
        var entry = new byte[8];
        for (var i = 0; i < geometries.Count; i++)
        {
            var geometry = geometries[i];
            record.Clear();
            if (geometry is null || geometry.IsEmpty) record.Int32((int)ShapeType.Null);
            else
            {
                Encode(record, geometry, type);
                box.ExpandToInclude(geometry.EnvelopeInternal);
                if (ShapeTypes.HasZ(type))
                    foreach (var c in geometry.Coordinates)
                    {
                        var z = ZOf(c);
                        zMin = Math.Min(zMin, z);
                        zMax = Math.Max(zMax, z);
                    }
            }
            if (offset + 8 + record.Length > MaxFileBytes)
                throw ShapefileProblems.Error("too-large",
                    $"Feature {i + 1} would take the .shp past 2 GB, the most a shapefile can hold", file,
                    "Split the layer into several shapefiles or export to GeoPackage.", i + 1, 422);
            BinaryPrimitives.WriteInt32BigEndian(entry, (int)(offset / 2));
            BinaryPrimitives.WriteInt32BigEndian(entry.AsSpan(4), record.Length / 2);
            index.Write(entry);
            BinaryPrimitives.WriteInt32BigEndian(entry, i + 1);
            shp.Write(entry);
            shp.Write(record.Span);
            offset += 8 + record.Length;
        }

        var empty = box.IsNull;
        var hasZRange = ShapeTypes.HasZ(type) && !double.IsInfinity(zMin);
        var shpHeader = new ShpHeader((int)offset, (int)type,
            empty ? 0 : box.MinX, empty ? 0 : box.MinY, empty ? 0 : box.MaxX, empty ? 0 : box.MaxY,
            hasZRange ? zMin : 0, hasZRange ? zMax : 0);
        shpHeader.Write(header);
        shp.Seek(0, SeekOrigin.Begin);
        shp.Write(header);
        shp.Seek(0, SeekOrigin.End);

        (shpHeader with { FileLengthBytes = (int)index.Length }).Write(header);
        index.Position = 0;
        index.Write(header);
        index.Position = 0;
        index.CopyTo(shx);
    }

    private static void Encode(RecordBuffer record, Geometry geometry, ShapeType type)
    {
        var hasZ = ShapeTypes.HasZ(type);
        record.Int32((int)type);
        switch (ShapeTypes.Family(type))
        {
            case ShapeFamily.Point:
            {
                var c = geometry.Coordinate;
                record.Double(c.X);
                record.Double(c.Y);
                if (hasZ) record.Double(ZOf(c));
                return;
            }
            case ShapeFamily.MultiPoint:
            {
                var points = geometry.Coordinates;
                Box(record, geometry.EnvelopeInternal);
                record.Int32(points.Length);
                WriteCoordinates(record, points, hasZ);
                return;
            }
            default:
            {
                var parts = ShapeFamily.Polygon == ShapeTypes.Family(type) ? Rings(geometry) : Lines(geometry);
                var all = parts.SelectMany(p => p).ToArray();
                Box(record, geometry.EnvelopeInternal);
                record.Int32(parts.Count);
                record.Int32(all.Length);
                var start = 0;
                foreach (var part in parts)
                {
                    record.Int32(start);
                    start += part.Length;
                }
                WriteCoordinates(record, all, hasZ);
                return;
            }
        }
    }

    private static List<Coordinate[]> Lines(Geometry geometry) =>
        Enumerable.Range(0, geometry.NumGeometries)
            .Select(i => geometry.GetGeometryN(i))
            .Where(g => !g.IsEmpty)
            .Select(g => g.Coordinates)
            .ToList();

    private static List<Coordinate[]> Rings(Geometry geometry)
    {
        var rings = new List<Coordinate[]>();
        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            var polygon = (Polygon)geometry.GetGeometryN(i);
            if (polygon.IsEmpty) continue;
            rings.Add(Oriented(polygon.Shell, clockwise: true));
            foreach (var hole in polygon.Holes)
                if (!hole.IsEmpty) rings.Add(Oriented(hole, clockwise: false));
        }
        return rings;
    }

    private static Coordinate[] Oriented(LinearRing ring, bool clockwise)
    {
        var coordinates = ring.Coordinates;
        var isClockwise = Area.OfRingSigned(coordinates) > 0;
        if (isClockwise != clockwise) Array.Reverse(coordinates = (Coordinate[])coordinates.Clone());
        return coordinates;
    }

    private static void WriteCoordinates(RecordBuffer record, Coordinate[] coordinates, bool hasZ)
    {
        foreach (var c in coordinates)
        {
            record.Double(c.X);
            record.Double(c.Y);
        }
        if (!hasZ) return;
        record.Double(coordinates.Length == 0 ? 0 : coordinates.Min(ZOf));
        record.Double(coordinates.Length == 0 ? 0 : coordinates.Max(ZOf));
        foreach (var c in coordinates) record.Double(ZOf(c));
    }

    private static void Box(RecordBuffer record, Envelope envelope)
    {
        record.Double(envelope.MinX);
        record.Double(envelope.MinY);
        record.Double(envelope.MaxX);
        record.Double(envelope.MaxY);
    }

    private static double ZOf(Coordinate c) => double.IsNaN(c.Z) ? 0 : c.Z;

    private static bool HasZ(Geometry geometry) => geometry.Coordinates.Any(c => !double.IsNaN(c.Z));

    private static ShapeFamily FamilyOf(Geometry geometry) => geometry switch
    {
        Point => ShapeFamily.Point,
        MultiPoint => ShapeFamily.MultiPoint,
        LineString or MultiLineString => ShapeFamily.PolyLine,
        Polygon or MultiPolygon => ShapeFamily.Polygon,
        _ => ShapeFamily.None,
    };

    /// <summary>A growable little-endian byte buffer for one record's content.</summary>
    private sealed class RecordBuffer
    {
        private byte[] _bytes = new byte[256];

        public int Length { get; private set; }

        public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

        public void Clear() => Length = 0;

        public void Int32(int value)
        {
            Grow(4);
            BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(Length), value);
            Length += 4;
        }

        public void Double(double value)
        {
            Grow(8);
            BinaryPrimitives.WriteDoubleLittleEndian(_bytes.AsSpan(Length), value);
            Length += 8;
        }

        private void Grow(int more)
        {
            if (Length + more > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + more));
        }
    }
}
