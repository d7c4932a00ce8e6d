using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Server.Tiles;

namespace OneBlueprint.Server.Tests.Tiles;

/// <summary>
/// The encoder against hand-computed bytes: protobuf varints and zigzag from the protobuf encoding guide,
/// and the geometry command streams of the Mapbox Vector Tile specification 2.1 §4.3.5 (its worked examples).
/// </summary>
public sealed class MvtEncodingTests
{
    [Theory]
    [InlineData(0UL, new byte[] { 0x00 })]
    [InlineData(1UL, new byte[] { 0x01 })]
    [InlineData(127UL, new byte[] { 0x7F })]
    [InlineData(128UL, new byte[] { 0x80, 0x01 })]
    [InlineData(150UL, new byte[] { 0x96, 0x01 })] // the protobuf guide's example
    [InlineData(300UL, new byte[] { 0xAC, 0x02 })]
    [InlineData(ulong.MaxValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Varint_MatchesProtobufEncoding(ulong value, byte[] expected)
    {
        var w = new ProtobufWriter();
        w.WriteVarint(value);
        Assert.Equal(expected, w.ToArray());
    }

    [Theory]
    [InlineData(0, 0u)]
    [InlineData(-1, 1u)]
    [InlineData(1, 2u)]
    [InlineData(-2, 3u)]
    [InlineData(2147483647, 4294967294u)]
    [InlineData(-2147483648, 4294967295u)]
    public void ZigZag_MatchesProtobufEncoding(int value, uint expected) => Assert.Equal(expected, ProtobufWriter.ZigZag(value));

    [Fact]
    public void Fields_KeysAndPackedArraysMatchHandComputedBytes()
    {
        var w = new ProtobufWriter();
        w.WriteUInt64Field(15, 2);             // key (15<<3|0)=120
        w.WriteStringField(1, "紫");            // key 10, length 3, UTF-8 E7 B4 AB
        w.WritePackedUInt32Field(4, [9, 50, 34]); // key 34, length 3
        w.WriteDoubleField(3, 1.0);            // key 25, IEEE 754 little-endian
        Assert.Equal(new byte[] { 120, 2, 10, 3, 0xE7, 0xB4, 0xAB, 34, 3, 9, 50, 34, 25, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F }, w.ToArray());
    }

    [Theory]
    [InlineData("POINT (25 17)", 1, new uint[] { 9, 50, 34 })]
    [InlineData("MULTIPOINT ((5 7), (3 2))", 1, new uint[] { 17, 10, 14, 3, 9 })]
    [InlineData("LINESTRING (2 2, 2 10, 10 10)", 2, new uint[] { 9, 4, 4, 18, 0, 16, 16, 0 })]
    [InlineData("MULTILINESTRING ((2 2, 2 10, 10 10), (1 1, 3 5))", 2, new uint[] { 9, 4, 4, 18, 0, 16, 16, 0, 9, 17, 17, 10, 4, 8 })]
    [InlineData("POLYGON ((3 6, 8 12, 20 34, 3 6))", 3, new uint[] { 9, 6, 12, 18, 10, 12, 24, 44, 15 })]
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((11 11, 20 11, 20 20, 11 20, 11 11), (13 13, 13 17, 17 17, 17 13, 13 13)))", 3,
        new uint[] { 9, 0, 0, 26, 20, 0, 0, 20, 19, 0, 15, 9, 22, 2, 26, 18, 0, 0, 18, 17, 0, 15, 9, 4, 13, 26, 0, 8, 8, 0, 0, 7, 15 })]
    public void Geometry_MatchesTheSpecificationsExamples(string wkt, int type, uint[] expected)
    {
        var (actualType, commands) = new MvtGeometryEncoder().Encode(new WKTReader().Read(wkt));
        Assert.Equal(type, (int)actualType);
        Assert.Equal(expected, commands);
    }

    [Fact]
    public void Geometry_RingsAreRewoundExteriorPositiveHolesNegative()
    {
        // the spec's multipolygon with every ring's winding reversed: the encoder must give the same stream
        var reversed = new WKTReader().Read("MULTIPOLYGON (((0 0, 0 10, 10 10, 10 0, 0 0)), ((11 11, 11 20, 20 20, 20 11, 11 11), (13 13, 17 13, 17 17, 13 17, 13 13)))");
        var normal = new WKTReader().Read("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((11 11, 20 11, 20 20, 11 20, 11 11), (13 13, 13 17, 17 17, 17 13, 13 13)))");
        var a = new MvtGeometryEncoder().Encode(reversed).Commands;
        var b = new MvtGeometryEncoder().Encode(normal).Commands;
        Assert.Equal(Area(b, 0), Area(a, 0));
        Assert.True(Area(a, 0) > 0);
        Assert.True(Area(a, 2) < 0); // the hole
    }

    [Fact]
    public void Geometry_RingsCollapsingOnTheGridAreDropped()
    {
        var (type, commands) = new MvtGeometryEncoder().Encode(new WKTReader().Read("POLYGON ((0 0, 0.2 0, 0.2 0.2, 0 0.2, 0 0))"));
        Assert.Equal(MvtGeometryType.Unknown, type);
        Assert.Empty(commands);
        var (_, withHole) = new MvtGeometryEncoder().Encode(new WKTReader().Read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (5 5, 5.2 5, 5.2 5.2, 5 5))"));
        Assert.Equal(new uint[] { 9, 0, 0, 26, 20, 0, 0, 20, 19, 0, 15 }, withHole);
    }

    /// <summary>Decodes ring number <paramref name="ring"/> of a polygon command stream (independently of the encoder) and returns its doubled surveyor's area.</summary>
    private static long Area(uint[] commands, int ring)
    {
        int x = 0, y = 0, i = 0, current = -1;
        var points = new List<(int, int)>();
        while (i < commands.Length)
        {
            var id = commands[i] & 7;
            var count = (int)(commands[i] >> 3);
            i++;
            if (id == 1) { current++; if (current == ring) points.Clear(); }
            if (id == 7) { if (current == ring) break; continue; }
            for (var k = 0; k < count; k++)
            {
                x += (int)((commands[i] >> 1) ^ (uint)-(int)(commands[i] & 1));
                y += (int)((commands[i + 1] >> 1) ^ (uint)-(int)(commands[i + 1] & 1));
                i += 2;
                if (current == ring) points.Add((x, y));
            }
        }
        long sum = 0;
        for (int a = 0, b = points.Count - 1; a < points.Count; b = a++)
            sum += (long)points[b].Item1 * points[a].Item2 - (long)points[a].Item1 * points[b].Item2;
        return sum;
    }
}
