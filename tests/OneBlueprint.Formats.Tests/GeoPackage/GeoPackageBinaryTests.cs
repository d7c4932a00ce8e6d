using System.Buffers.Binary;
using NetTopologySuite.Geometries;
using OneBlueprint.Formats.GeoPackage;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.Tests.GeoPackage;

/// <summary>
/// Geometry blobs built byte by byte from the GeoPackageBinary layout (12-128r18 §2.1.3) and the WKB
/// specifications, in the variants other writers produce, planted into a file and read back.
/// </summary>
public class GeoPackageBinaryTests
{
    private const double X = 465650.125, Y = 3846600.5, Z = 101.25, M = 7;

    [Fact]
    public void Read_BigEndianHeaderWithoutEnvelope_AndBigEndianWkb()
    {
        var blob = Header(littleEndian: false, envelopeKind: 0).Concat(Wkb(littleEndian: false, type: 1, X, Y)).ToArray();
        AssertPoint(ReadBack(blob), X, Y, double.NaN);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 6)]
    [InlineData(3, 6)]
    [InlineData(4, 8)]
    public void Read_EveryEnvelopeKind_IsSkipped(int kind, int doubles)
    {
        var envelope = Enumerable.Repeat(-1.0, doubles).SelectMany(d => Double(d, littleEndian: true));
        var blob = Header(littleEndian: true, envelopeKind: kind).Concat(envelope).Concat(Wkb(true, 1001, X, Y, Z)).ToArray();
        AssertPoint(ReadBack(blob), X, Y, Z);
    }

    [Fact]
    public void Read_IsoZmWkb_KeepsZ()
    {
        var blob = Header(true, 0).Concat(Wkb(true, 3001, X, Y, Z, M)).ToArray();
        AssertPoint(ReadBack(blob), X, Y, Z);
    }

    [Fact]
    public void Read_ExtendedWkbWithSridAndZ()
    {
        // EWKB: type | 0x80000000 (Z) | 0x20000000 (SRID follows), then the SRID, then x y z.
        var wkb = new byte[] { 1 }.Concat(UInt(0xA0000001, true)).Concat(UInt(4547, true))
            .Concat(Double(X, true)).Concat(Double(Y, true)).Concat(Double(Z, true));
        var geometry = ReadBack(Header(true, 1).Concat(new byte[32]).Concat(wkb).ToArray());
        AssertPoint(geometry, X, Y, Z);
        Assert.Equal(4547, geometry.SRID); // the layer's SRID, whatever the blob says
    }

    [Fact]
    public void Read_EmptyFlagWithNaNPoint_IsEmpty()
    {
        var blob = new byte[] { (byte)'G', (byte)'P', 0, 0b0001_0001 }.Concat(UInt(4547, true))
            .Concat(Wkb(true, 1, double.NaN, double.NaN)).ToArray();
        var geometry = ReadBack(blob);
        Assert.IsType<Point>(geometry);
        Assert.True(geometry.IsEmpty);
    }

    [Fact]
    public void Write_BlobHasStandardHeaderAndIsoWkb()
    {
        using var temp = new TempFolder();
        var path = temp.File("z.gpkg");
        var factory = GeometryKit.Factory(4547);
        var set = new FeatureSet { Srid = 4547, Name = "p" };
        set.Features.Add(new GeoFeature(factory.CreatePoint(new CoordinateZ(X, Y, Z))));
        new GeoPackageFormat().Write(set, path);

        var blob = ReadBlob(path, "p", 1);

        var expected = new byte[] { (byte)'G', (byte)'P', 0, 0b0000_0011 }.Concat(UInt(4547, true))
            .Concat(Double(X, true)).Concat(Double(X, true)).Concat(Double(Y, true)).Concat(Double(Y, true))
            .Concat(Wkb(true, 1001, X, Y, Z)).ToArray();
        Assert.Equal(expected, blob);
    }

    private static Geometry ReadBack(byte[] blob)
    {
        using var temp = new TempFolder();
        var path = temp.File("planted.gpkg");
        var factory = GeometryKit.Factory(4547);
        var set = new FeatureSet { Srid = 4547, Name = "p" };
        set.Features.Add(new GeoFeature(factory.CreatePoint(new Coordinate(1, 2))));
        var format = new GeoPackageFormat();
        format.Write(set, path);
        GeoPackageSurgery.ReplaceGeometry(path, "p", 1, blob);
        return format.Read(path).Features.Single().Geometry;
    }

    private static void AssertPoint(Geometry geometry, double x, double y, double z)
    {
        var point = Assert.IsType<Point>(geometry);
        Assert.Equal(x, point.X);
        Assert.Equal(y, point.Y);
        Assert.Equal(z, point.Coordinate.Z);
        Assert.Equal(4547, point.SRID);
    }

    private static byte[] ReadBlob(string path, string table, long fid)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT geom FROM \"{table}\" WHERE fid = {fid}";
        return (byte[])command.ExecuteScalar()!;
    }

    /// <summary>'GP', version 0, flags (bit 0 byte order, bits 1–3 envelope kind), srs_id 4547.</summary>
    private static IEnumerable<byte> Header(bool littleEndian, int envelopeKind) =>
        new byte[] { (byte)'G', (byte)'P', 0, (byte)((littleEndian ? 1 : 0) | envelopeKind << 1) }.Concat(UInt(4547, littleEndian));

    private static IEnumerable<byte> Wkb(bool littleEndian, uint type, params double[] ordinates) =>
        new[] { (byte)(littleEndian ? 1 : 0) }.Concat(UInt(type, littleEndian)).Concat(ordinates.SelectMany(o => Double(o, littleEndian)));

    private static byte[] UInt(uint value, bool littleEndian)
    {
        var bytes = new byte[4];
        if (littleEndian) BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        else BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Double(double value, bool littleEndian)
    {
        var bytes = new byte[8];
        if (littleEndian) BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        else BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        return bytes;
    }
}
