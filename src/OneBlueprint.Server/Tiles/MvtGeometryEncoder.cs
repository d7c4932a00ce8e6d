using NetTopologySuite.Geometries;

namespace OneBlueprint.Server.Tiles;

/// <summary>
/// Turns a geometry already in tile coordinates (0…extent, y down) into the command stream of the Mapbox
/// Vector Tile specification 2.1 §4.3: MoveTo(1) / LineTo(2) / ClosePath(7) command integers
/// <c>(id &amp; 7) | (count &lt;&lt; 3)</c>, parameters zigzag-encoded deltas from a cursor that runs across the
/// whole feature. Coordinates are rounded to integers here; repeated points are dropped, and rings or
/// lines that collapse on the integer grid are left out (a polygon whose exterior collapses goes with its
/// holes). Rings are written with the winding the spec requires: exterior rings with positive surveyor's
/// area in y-down tile coordinates (clockwise on screen), interior rings negative.
/// </summary>
public sealed class MvtGeometryEncoder
{
    public const uint MoveTo = 1;
    public const uint LineTo = 2;
    public const uint ClosePath = 7;

    private readonly List<uint> _commands = new(64);
    private readonly List<(int X, int Y)> _points = new(64);
    private int _cursorX;
    private int _cursorY;

    public static uint Command(uint id, int count) => (id & 0x7) | ((uint)count << 3);

    /// <summary>
    /// Encodes <paramref name="geometry"/>; returns the geometry type and the commands, or
    /// <see cref="MvtGeometryType.Unknown"/> with no commands when nothing survives rounding.
    /// Mixed collections keep the parts of the dimension of their first non-empty part.
    /// </summary>
    public (MvtGeometryType Type, uint[] Commands) Encode(Geometry geometry)
    {
        _commands.Clear();
        _cursorX = _cursorY = 0;
        var type = TypeOf(geometry);
        if (type != MvtGeometryType.Unknown) Append(geometry, type);
        return _commands.Count == 0 ? (MvtGeometryType.Unknown, []) : (type, _commands.ToArray());
    }

    private static MvtGeometryType TypeOf(Geometry g) => g switch
    {
        { IsEmpty: true } => MvtGeometryType.Unknown,
        Point or MultiPoint => MvtGeometryType.Point,
        LineString or MultiLineString => MvtGeometryType.LineString,
        Polygon or MultiPolygon => MvtGeometryType.Polygon,
        GeometryCollection c => c.Geometries.Select(TypeOf).FirstOrDefault(t => t != MvtGeometryType.Unknown),
        _ => MvtGeometryType.Unknown,
    };

    private void Append(Geometry g, MvtGeometryType type)
    {
        switch (g)
        {
            case Point p when type == MvtGeometryType.Point && !p.IsEmpty:
                AppendPoints([p.Coordinate]);
                break;
            case MultiPoint mp when type == MvtGeometryType.Point:
                AppendPoints(mp.Coordinates);
                break;
            case LineString l when type == MvtGeometryType.LineString:
                AppendLine(l.CoordinateSequence);
                break;
            case Polygon poly when type == MvtGeometryType.Polygon:
                AppendPolygon(poly);
                break;
            case GeometryCollection c:
                foreach (var part in c.Geometries) Append(part, type);
                break;
        }
    }

    private void AppendPoints(Coordinate[] coordinates)
    {
        if (coordinates.Length == 0) return;
        _commands.Add(Command(MoveTo, coordinates.Length));
        foreach (var c in coordinates) AddDelta(Round(c.X), Round(c.Y));
    }

    private void AppendLine(CoordinateSequence sequence)
    {
        Snap(sequence, closed: false);
        if (_points.Count < 2) return;
        _commands.Add(Command(MoveTo, 1));
        AddDelta(_points[0].X, _points[0].Y);
        _commands.Add(Command(LineTo, _points.Count - 1));
        for (var i = 1; i < _points.Count; i++) AddDelta(_points[i].X, _points[i].Y);
    }

    private void AppendPolygon(Polygon polygon)
    {
        if (!AppendRing(polygon.ExteriorRing.CoordinateSequence, exterior: true)) return;
        foreach (var hole in polygon.InteriorRings) AppendRing(hole.CoordinateSequence, exterior: false);
    }

    private bool AppendRing(CoordinateSequence sequence, bool exterior)
    {
        Snap(sequence, closed: true);
        if (_points.Count < 3) return false;
        var area = TwiceSignedArea(_points);
        if (area == 0) return false;
        // y-down tile space: positive surveyor's area = clockwise on screen = exterior (spec §4.3.4.4)
        if ((area > 0) != exterior) _points.Reverse();
        _commands.Add(Command(MoveTo, 1));
        AddDelta(_points[0].X, _points[0].Y);
        _commands.Add(Command(LineTo, _points.Count - 1));
        for (var i = 1; i < _points.Count; i++) AddDelta(_points[i].X, _points[i].Y);
        _commands.Add(Command(ClosePath, 1));
        return true;
    }

    /// <summary>Rounded points without consecutive repeats (and without the closing point of a ring).</summary>
    private void Snap(CoordinateSequence sequence, bool closed)
    {
        _points.Clear();
        for (var i = 0; i < sequence.Count; i++)
        {
            var p = (Round(sequence.GetX(i)), Round(sequence.GetY(i)));
            if (_points.Count == 0 || _points[^1] != p) _points.Add(p);
        }
        if (closed)
            while (_points.Count > 1 && _points[^1] == _points[0]) _points.RemoveAt(_points.Count - 1);
    }

    /// <summary>The surveyor's formula, doubled: exact in 64-bit integers for tile coordinates.</summary>
    public static long TwiceSignedArea(IReadOnlyList<(int X, int Y)> ring)
    {
        long sum = 0;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            sum += (long)ring[j].X * ring[i].Y - (long)ring[i].X * ring[j].Y;
        return sum;
    }

    private void AddDelta(int x, int y)
    {
        _commands.Add(ProtobufWriter.ZigZag(x - _cursorX));
        _commands.Add(ProtobufWriter.ZigZag(y - _cursorY));
        _cursorX = x;
        _cursorY = y;
    }

    private static int Round(double v) => (int)Math.Round(v, MidpointRounding.AwayFromZero);
}
