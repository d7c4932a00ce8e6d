using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace OneBlueprint.Formats.GeoJson;

/// <summary>
/// The "coordinates" member: positions, lines, rings and their nesting, checked against RFC 7946 §3.1
/// while they are read.
/// </summary>
internal ref partial struct GeoJsonParser
{
    /// <summary>Reads the value of a "coordinates" member into a geometry of the given type; null on error.</summary>
    private Geometry? ReadCoordinates(ref Utf8JsonReader r, GeoJsonType type)
    {
        var start = Abs(ref r);
        _nestingReported = false;
        _geometryType = type;
        if (r.TokenType != JsonTokenType.StartArray)
        {
            Error(GeoJsonCodes.CoordinatesNotArray, $"\"coordinates\" is {Describe(r.TokenType)}; a {type} needs an array {type.CoordinatesShape()}",
                start, $"Write \"coordinates\": {type.CoordinatesShape()}.");
            r.Skip();
            return null;
        }
        var factory = _factory;
        switch (type)
        {
            case GeoJsonType.Point:
            {
                var ok = ReadPosition(ref r, allowEmpty: true, out var c);
                return !ok ? null : c is null ? factory.CreatePoint() : Build(start, () => factory.CreatePoint(c));
            }
            case GeoJsonType.MultiPoint:
            {
                var points = ReadPositions(ref r);
                return points is null ? null : Build(start, () => factory.CreateMultiPointFromCoords(points));
            }
            case GeoJsonType.LineString:
            {
                var line = ReadLine(ref r, start, allowEmpty: true);
                return line is null ? null : Build(start, () => factory.CreateLineString(line));
            }
            case GeoJsonType.MultiLineString:
            {
                var lines = ReadList(ref r, (ref GeoJsonParser p, ref Utf8JsonReader reader, int at) =>
                {
                    var line = p.ReadLine(ref reader, at, allowEmpty: false);
                    return line is null ? null : p.Build(at, () => factory.CreateLineString(line));
                });
                return lines is null ? null : Build(start, () => factory.CreateMultiLineString(lines.Cast<LineString>().ToArray()));
            }
            case GeoJsonType.Polygon:
                return ReadPolygon(ref r, start);
            case GeoJsonType.MultiPolygon:
            {
                var polygons = ReadList(ref r, (ref GeoJsonParser p, ref Utf8JsonReader reader, int at) => p.ReadPolygon(ref reader, at));
                return polygons is null ? null : Build(start, () => factory.CreateMultiPolygon(polygons.Cast<Polygon>().ToArray()));
            }
            default:
                r.Skip();
                return null;
        }
    }

    private delegate Geometry? ElementReader(ref GeoJsonParser parser, ref Utf8JsonReader reader, int offset);

    /// <summary>
    /// Reads an array whose elements are arrays one level down (lines of a MultiLineString, rings of a
    /// Polygon, polygons of a MultiPolygon). Null when any element failed.
    /// </summary>
    private List<Geometry>? ReadList(ref Utf8JsonReader r, ElementReader readElement)
    {
        var parts = new List<Geometry>();
        var ok = true;
        _path.PushIndex(0);
        for (var i = 0; r.Read() && r.TokenType != JsonTokenType.EndArray; i++)
        {
            _path.SetIndex(i);
            if (r.TokenType == JsonTokenType.StartArray)
            {
                var part = readElement(ref this, ref r, Abs(ref r));
                if (part is null) ok = false; else parts.Add(part);
            }
            else if (!NotAnArray(ref r)) { ok = false; break; }
            else ok = false;
        }
        _path.Pop();
        return ok ? parts : null;
    }

    /// <summary>
    /// Reports an element that should have been an array. A number means the coordinates are nested too
    /// shallowly: reported once per geometry, and the rest of the array is skipped (returns false, the
    /// reader is then on the array's end). Anything else is reported and skipped (returns true).
    /// </summary>
    private bool NotAnArray(ref Utf8JsonReader r)
    {
        var offset = Abs(ref r);
        if (r.TokenType == JsonTokenType.Number)
        {
            _path.Pop();
            if (!_nestingReported)
                Error(GeoJsonCodes.NestingTooShallow,
                    $"a number was found where an array was expected: the coordinates are not nested deeply enough for a {_geometryType}",
                    offset, $"A {_geometryType} needs \"coordinates\": {_geometryType.CoordinatesShape()}.");
            _nestingReported = true;
            _path.PushIndex(0);
            SkipRestOfArray(ref r);
            return false;
        }
        Error(GeoJsonCodes.CoordinatesNotArray, $"{Describe(r.TokenType)} was found where a coordinate array was expected", offset,
            $"A {_geometryType} needs \"coordinates\": {_geometryType.CoordinatesShape()}.");
        r.Skip();
        return true;
    }

    private static void SkipRestOfArray(ref Utf8JsonReader r)
    {
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            r.Skip();
    }

    /// <summary>Reads a list of positions (the reader is on its StartArray); null on error.</summary>
    private Coordinate[]? ReadPositions(ref Utf8JsonReader r)
    {
        _scratch.Clear();
        _scratchHasZ = false;
        var ok = true;
        _path.PushIndex(0);
        for (var i = 0; r.Read() && r.TokenType != JsonTokenType.EndArray; i++)
        {
            _path.SetIndex(i);
            if (r.TokenType == JsonTokenType.StartArray)
            {
                if (ReadPosition(ref r, allowEmpty: false, out var c) && c is not null) _scratch.Add(c);
                else ok = false;
            }
            else if (!NotAnArray(ref r)) { ok = false; break; }
            else ok = false;
        }
        _path.Pop();
        if (!ok) return null;
        var result = _scratch.ToArray();
        if (_scratchHasZ) // positions of one list share a dimension; 2D ones among 3D get an unknown Z
            for (var i = 0; i < result.Length; i++)
                if (result[i] is not CoordinateZ) result[i] = new CoordinateZ(result[i].X, result[i].Y, double.NaN);
        return result;
    }

    /// <summary>A LineString's positions (at least two), or null on error.</summary>
    private Coordinate[]? ReadLine(ref Utf8JsonReader r, int start, bool allowEmpty)
    {
        var positions = ReadPositions(ref r);
        if (positions is null || (allowEmpty && positions.Length == 0)) return positions;
        if (positions.Length < 2)
        {
            Error(GeoJsonCodes.LineTooShort, $"a line has {positions.Length} position{(positions.Length == 1 ? "" : "s")}; it needs at least 2",
                start, "Give the line two or more positions, or write a Point instead.", X(positions), Y(positions));
            return null;
        }
        return positions;
    }

    /// <summary>A Polygon from its list of rings (the reader is on its StartArray); null on error.</summary>
    private Geometry? ReadPolygon(ref Utf8JsonReader r, int start)
    {
        var factory = _factory;
        var rings = new List<LinearRing>();
        var ok = true;
        _path.PushIndex(0);
        for (var i = 0; r.Read() && r.TokenType != JsonTokenType.EndArray; i++)
        {
            _path.SetIndex(i);
            if (r.TokenType != JsonTokenType.StartArray)
            {
                ok = false;
                if (!NotAnArray(ref r)) break;
                continue;
            }
            var ringStart = Abs(ref r);
            var positions = ReadPositions(ref r);
            if (positions is null) { ok = false; continue; }
            if (!CheckRing(positions, ringStart)) { ok = false; continue; }
            if (Build(ringStart, () => factory.CreateLinearRing(positions)) is not LinearRing ring) { ok = false; continue; }
            CheckWinding(ring, exterior: i == 0, ringStart);
            rings.Add(ring);
        }
        _path.Pop();
        if (!ok) return null;
        if (rings.Count == 0) return factory.CreatePolygon();
        return Build(start, () => factory.CreatePolygon(rings[0], rings.Skip(1).ToArray()));
    }

    private bool CheckRing(Coordinate[] ring, int offset)
    {
        var ok = true;
        if (ring.Length < 4)
        {
            Error(GeoJsonCodes.RingTooShort, $"a polygon ring has {ring.Length} position{(ring.Length == 1 ? "" : "s")}; a closed ring needs at least 4",
                offset, "A ring lists at least three corners and repeats the first one at the end (RFC 7946 §3.1.6).", X(ring), Y(ring));
            ok = false;
        }
        if (ring.Length >= 2 && !SamePosition(ring[0], ring[^1]))
        {
            Error(GeoJsonCodes.RingNotClosed,
                $"a polygon ring is not closed: its first position {Show(ring[0])} differs from its last {Show(ring[^1])}",
                offset, "Repeat the first position at the end of the ring: the first and last positions must be identical (RFC 7946 §3.1.6).",
                ring[0].X, ring[0].Y);
            ok = false;
        }
        return ok;
    }

    private void CheckWinding(LinearRing ring, bool exterior, int offset)
    {
        var area = RingWinding.SignedArea(ring.CoordinateSequence);
        if (area == 0 || (area > 0) == exterior) return;
        Warning(GeoJsonCodes.RightHandRule,
            $"a polygon {(exterior ? "exterior ring is clockwise" : "hole is counterclockwise")}; RFC 7946 §3.1.6 wants exterior rings counterclockwise and holes clockwise (right-hand rule)",
            offset, "Nothing to do for OneBlueprint, which reads either orientation and writes RFC 7946 order; " +
                    "strict tools may complain (`ogr2ogr -lco RFC7946=YES` rewrites the rings).",
            ring.Coordinates[0].X, ring.Coordinates[0].Y);
    }

    /// <summary>
    /// Reads one position [x, y] or [x, y, z] (the reader is on its StartArray). False on error; with
    /// <paramref name="allowEmpty"/>, an empty array gives true and a null coordinate (an empty Point).
    /// </summary>
    private bool ReadPosition(ref Utf8JsonReader r, bool allowEmpty, out Coordinate? coordinate)
    {
        coordinate = null;
        var start = Abs(ref r);
        double x = 0, y = 0, z = double.NaN;
        var count = 0;
        var ok = true;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out var value) && double.IsFinite(value))
            {
                if (_precisionLimit > 0 && r.ValueSpan.Length > _precisionLimit + 1) CheckPrecision(ref r);
                switch (count)
                {
                    case 0: x = value; break;
                    case 1: y = value; break;
                    case 2: z = value; break;
                }
            }
            else
            {
                ok = false;
                _path.PushIndex(count);
                var what = r.TokenType switch
                {
                    JsonTokenType.Number => "a number too large for a double",
                    JsonTokenType.StartArray => "an array (the coordinates are nested one level too deep)",
                    JsonTokenType.String => $"the string \"{Shorten(r.GetString())}\"",
                    _ => Describe(r.TokenType),
                };
                Error(GeoJsonCodes.PositionNotNumber, $"each element of a position must be a number, but this one is {what}", Abs(ref r),
                    r.TokenType == JsonTokenType.String
                        ? "Write the numbers without quotes: [113.65, 34.76], not [\"113.65\", \"34.76\"]."
                        : $"A {_geometryType} needs \"coordinates\": {_geometryType.CoordinatesShape()}, where each position is [x, y] or [x, y, z].");
                _path.Pop();
                r.Skip();
            }
            count++;
        }
        if (count == 0 && allowEmpty) return true; // RFC 7946 §3.1: empty coordinates may stand for an empty geometry
        if (ok && count < 2)
        {
            Error(GeoJsonCodes.PositionTooShort, $"a position has {count} number{(count == 1 ? "" : "s")}; it needs at least 2 (x, y)", start,
                "Write each position as [longitude, latitude] (or [x, y] in the declared CRS), optionally with a third number for height.");
            ok = false;
        }
        if (count > 3)
            Warning(GeoJsonCodes.PositionTooLong, $"a position has {count} numbers; only x, y and z are read, the rest is ignored", start,
                "Drop the extra numbers (RFC 7946 §3.1.1: positions should have no more than three elements).");
        if (!ok) return false;

        if (_checkRange && (Math.Abs(x) > 180 || Math.Abs(y) > 90))
            GroupedError(GeoJsonCodes.CoordinateOutOfRange,
                string.Create(CultureInfo.InvariantCulture,
                    $"the position ({x}, {y}) lies outside longitude ±180° / latitude ±90°, yet the CRS is EPSG:{_srid} (degrees)"),
                start, GeoJsonCrs.GuessFromOutOfRange(x, y), x, y);

        coordinate = count >= 3 ? new CoordinateZ(x, y, z) : new Coordinate(x, y);
        _scratchHasZ |= count >= 3;
        return true;
    }

    /// <summary>Counts the decimals of the current number token; warns when they exceed the limit for the CRS.</summary>
    private void CheckPrecision(ref Utf8JsonReader r)
    {
        var text = r.ValueSpan;
        var dot = text.IndexOf((byte)'.');
        if (dot < 0) return;
        var decimals = 0;
        for (var i = dot + 1; i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9'; i++) decimals++;
        if (decimals <= _precisionLimit) return;
        Warning(GeoJsonCodes.ExcessivePrecision,
            $"coordinates carry up to {decimals} decimals, more than the {_precisionLimit} that already resolve 0.1 mm ({System.Text.Encoding.UTF8.GetString(text)})",
            Abs(ref r), $"Harmless, but the file is larger than it needs to be: round to {_precisionLimit} decimals " +
                        $"(e.g. `ogr2ogr -lco COORDINATE_PRECISION={_precisionLimit}`).");
    }

    private static bool SamePosition(Coordinate a, Coordinate b) =>
        a.X.Equals(b.X) && a.Y.Equals(b.Y) && a.Z.Equals(b.Z); // double.Equals: NaN equals NaN, so 2D ↔ 2D matches

    private static string Show(Coordinate c) => double.IsNaN(c.Z)
        ? string.Create(CultureInfo.InvariantCulture, $"[{c.X}, {c.Y}]")
        : string.Create(CultureInfo.InvariantCulture, $"[{c.X}, {c.Y}, {c.Z}]");

    private static double? X(Coordinate[] positions) => positions.Length > 0 ? positions[0].X : null;

    private static double? Y(Coordinate[] positions) => positions.Length > 0 ? positions[0].Y : null;

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
