using System.Buffers.Binary;
using NetTopologySuite.Geometries;

namespace OneBlueprint.Formats.Shapefile.Shp;

/// <summary>The geometries of a .shp file, in record order (index 0 = record 1); null for Null shapes.</summary>
internal sealed record ShpContent(ShapeType LayerType, IReadOnlyList<Geometry?> Geometries);

/// <summary>
/// Decodes a .shp through its .shx index. The index is authoritative for where records start (the
/// specification allows gaps), and every length and count read from either file is checked against the
/// bytes really present before it is used. Z is kept; M is read past and dropped.
/// </summary>
internal sealed class ShpReader
{
    private readonly byte[] _shp;
    private readonly string _shpName;
    private readonly GeometryFactory _factory;
    private readonly Action<int, string, string> _warn;

    /// <param name="warn">Receives (record, code, what) for recoverable problems.</param>
    private ShpReader(byte[] shp, string shpName, GeometryFactory factory, Action<int, string, string> warn)
    {
        _shp = shp;
        _shpName = shpName;
        _factory = factory;
        _warn = warn;
    }

    public static ShpContent Read(byte[] shp, string shpName, byte[] shx, string shxName, GeometryFactory factory, Action<int, string, string> warn) =>
        new ShpReader(shp, shpName, factory, warn).ReadAll(shx, shxName);

    private ShpContent ReadAll(byte[] shx, string shxName)
    {
        var header = ShpHeader.Read(_shp, _shpName);
        var layerType = KnownType(header.ShapeTypeCode, null);
        ShpHeader.Read(shx, shxName); // checks the .shx really is an index file
        if ((shx.Length - ShpHeader.Length) % 8 != 0)
            throw ShapefileProblems.Truncated(shxName,
                $"Index entries are 8 bytes each, but the last one is incomplete ({(shx.Length - ShpHeader.Length) % 8} bytes)",
                shx.Length - (shx.Length - ShpHeader.Length) % 8);
        if (header.FileLengthBytes > _shp.Length)
            _warn(0, "length-mismatch", $"the .shp header declares {header.FileLengthBytes} bytes but the file has {_shp.Length}; records were read through the .shx index");

        var count = (shx.Length - ShpHeader.Length) / 8;
        var geometries = new Geometry?[count];
        var family = ShapeTypes.Family(layerType);
        for (var i = 0; i < count; i++)
        {
            var record = i + 1;
            var entry = ShpHeader.Length + 8 * i;
            var offset = 2L * BinaryPrimitives.ReadInt32BigEndian(shx.AsSpan(entry));
            if (offset < ShpHeader.Length || offset + 8 > _shp.Length)
                throw ShapefileProblems.Error("bad-index",
                    $"The .shx entry of record {record} points to byte offset {offset}, outside the .shp ({_shp.Length} bytes)",
                    shxName, "The .shx does not belong to this .shp or one of them is cut short. Export the shapefile again with all its files.", record);
            var contentLength = 2L * BinaryPrimitives.ReadInt32BigEndian(_shp.AsSpan((int)offset + 4));
            var start = offset + 8;
            if (contentLength < 4 || start + contentLength > _shp.Length)
                throw ShapefileProblems.Truncated(_shpName,
                    $"Record {record} starting at byte offset {offset} declares {contentLength} bytes of content", Math.Min(start + contentLength, _shp.Length), record);

            var cursor = new ShpRecordCursor(_shp, (int)start, (int)(start + contentLength), _shpName, record);
            var type = KnownType(cursor.ReadInt32("the shape type"), record);
            if (type == ShapeType.Null) continue;
            var recordFamily = ShapeTypes.Family(type);
            if (family == ShapeFamily.None) family = recordFamily;
            if (recordFamily != family)
                throw cursor.Error("mixed-shape-types",
                    $"the record holds a {type} but the layer holds {family} shapes (.shp header: {layerType})",
                    "A shapefile holds one kind of geometry. Export each geometry type to its own shapefile.");
            geometries[i] = recordFamily switch
            {
                ShapeFamily.Point => ReadPoint(cursor, type),
                ShapeFamily.MultiPoint => ReadMultiPoint(cursor, type),
                _ => ReadParts(cursor, type, recordFamily == ShapeFamily.Polygon),
            };
        }
        return new ShpContent(layerType == ShapeType.Null && family != ShapeFamily.None ? ShapeTypes.For(family, false) : layerType, geometries);
    }

    private ShapeType KnownType(int code, int? record)
    {
        if (ShapeTypes.IsKnown(code)) return (ShapeType)code;
        var what = code == 31
            ? "shape type 31 (MultiPatch, 3-D surfaces) is not supported"
            : $"shape type {code} is not one the shapefile specification defines";
        throw ShapefileProblems.Error("unknown-shape-type",
            record is null ? $"The .shp header declares {what}" : $"Record {record}: {what}",
            _shpName,
            "Supported are Point, MultiPoint, PolyLine and Polygon (also their Z and M forms). Convert the layer in GIS software, or check that the file is not damaged.",
            record);
    }

    private Geometry ReadPoint(ShpRecordCursor cursor, ShapeType type)
    {
        var x = cursor.ReadDouble("the point's X");
        var y = cursor.ReadDouble("the point's Y");
        var z = ShapeTypes.HasZ(type) ? cursor.ReadDouble("the point's Z") : double.NaN;
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            _warn(cursor.Record, "nan-point", "the point has no coordinates (NaN); it was read as an empty point");
            return _factory.CreatePoint();
        }
        return _factory.CreatePoint(ShapeTypes.HasZ(type) ? new CoordinateZ(x, y, z) : new Coordinate(x, y));
    }

    private Geometry ReadMultiPoint(ShpRecordCursor cursor, ShapeType type)
    {
        cursor.Skip(32, "the bounding box");
        var count = cursor.ReadInt32("the number of points");
        if (count < 0)
            throw cursor.Error("bad-record", $"the record declares {count} points", "The file is damaged; export it again.");
        var coordinates = ReadCoordinates(cursor, type, count);
        return _factory.CreateMultiPointFromCoords(coordinates);
    }

    private Geometry ReadParts(ShpRecordCursor cursor, ShapeType type, bool polygon)
    {
        cursor.Skip(32, "the bounding box");
        var partCount = cursor.ReadInt32("the number of parts");
        var pointCount = cursor.ReadInt32("the number of points");
        if (partCount < 0 || pointCount < 0)
            throw cursor.Error("bad-record", $"the record declares {partCount} parts and {pointCount} points", "The file is damaged; export it again.");
        cursor.Require(4L * partCount + 16L * pointCount,
            $"{partCount} part indexes and {pointCount} points");
        var starts = new int[partCount];
        for (var k = 0; k < partCount; k++) starts[k] = cursor.ReadInt32("a part index");
        for (var k = 0; k < partCount; k++)
        {
            var previous = k == 0 ? 0 : starts[k - 1];
            if ((k == 0 && starts[0] != 0) || starts[k] < previous || starts[k] > pointCount)
                throw cursor.Error("bad-parts",
                    $"part {k + 1} starts at point {starts[k]}, which is not between {previous} and the record's {pointCount} points",
                    "Part indexes must start at 0 and increase. The file is damaged; export it again.");
        }
        var coordinates = ReadCoordinates(cursor, type, pointCount);

        var parts = new List<Coordinate[]>(partCount);
        for (var k = 0; k < partCount; k++)
        {
            var end = k + 1 < partCount ? starts[k + 1] : pointCount;
            var part = coordinates[starts[k]..end];
            if (part.Length == 0) continue; // an empty part carries nothing
            if (polygon) parts.Add(CheckRing(cursor, part, k + 1));
            else if (part.Length < 2)
                _warn(cursor.Record, "short-line", $"line part {k + 1} has a single point and was left out (a line needs two)");
            else parts.Add(part);
        }

        if (polygon)
            return parts.Count == 0
                ? _factory.CreatePolygon()
                : new PolygonAssembler(_factory, (code, what) => _warn(cursor.Record, code, what)).Assemble(parts);
        return parts.Count switch
        {
            0 => _factory.CreateLineString(),
            1 => _factory.CreateLineString(parts[0]),
            _ => _factory.CreateMultiLineString(parts.Select(p => _factory.CreateLineString(p)).ToArray()),
        };
    }

    private Coordinate[] CheckRing(ShpRecordCursor cursor, Coordinate[] ring, int part)
    {
        if (ring.Length < 4)
            throw cursor.Error("ring-too-short",
                $"ring {part} has {ring.Length} points; a polygon ring needs at least 4 (3 corners and the first point repeated)",
                "Remove the degenerate ring or repair the geometry in GIS software (QGIS: Vector > Geometry Tools > Fix Geometries), then export again.");
        if (ring[0].Equals2D(ring[^1])) return ring;
        _warn(cursor.Record, "unclosed-ring", $"ring {part} does not end at its first point; it was closed");
        return [.. ring, ring[0].Copy()];
    }

    private Coordinate[] ReadCoordinates(ShpRecordCursor cursor, ShapeType type, int count)
    {
        cursor.Require(16L * count, $"{count} points");
        var coordinates = new Coordinate[count];
        var hasZ = ShapeTypes.HasZ(type);
        for (var i = 0; i < count; i++)
        {
            var x = cursor.ReadDouble("X");
            var y = cursor.ReadDouble("Y");
            if (double.IsNaN(x) || double.IsNaN(y) || double.IsInfinity(x) || double.IsInfinity(y))
                throw cursor.Error("bad-coordinate", $"point {i + 1} has coordinate ({x}, {y})",
                    "Coordinates must be finite numbers. Repair the geometry in GIS software and export again.");
            coordinates[i] = hasZ ? new CoordinateZ(x, y, 0) : new Coordinate(x, y);
        }
        if (hasZ)
        {
            cursor.Require(16 + 8L * count, $"the Z range and {count} Z values");
            cursor.Skip(16, "the Z range");
            for (var i = 0; i < count; i++) coordinates[i].Z = cursor.ReadDouble("Z");
        }
        // M values, when present, follow; measures are not kept (FeatureSet has no place for them).
        return coordinates;
    }
}
