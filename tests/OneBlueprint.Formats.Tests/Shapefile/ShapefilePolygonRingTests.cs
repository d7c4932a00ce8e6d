using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Formats.Shapefile;
using OneBlueprint.Geo.Spatial;
using static OneBlueprint.Formats.Tests.Shapefile.RawShapefile;

namespace OneBlueprint.Formats.Tests.Shapefile;

/// <summary>How Polygon records' rings become polygons: by orientation and containment, not by order. GDAL reading the same file is the reference.</summary>
public class ShapefilePolygonRingTests
{
    [Fact]
    public void Rings_HolesBeforeShellsAndIslandInLake_AreAssignedByContainment()
    {
        using var dir = new TempDirectory();
        var path = dir.File("rings.shp");
        Write(path, 5,
        [
            [
                Square(30, 30, 10, clockwise: false),   // hole of the island
                Square(210, 10, 10, clockwise: false),  // hole of B
                Square(20, 20, 30, clockwise: true),    // island inside A's lake
                Square(10, 10, 50, clockwise: false),   // A's lake
                Square(200, 0, 100, clockwise: true),   // B
                Square(0, 0, 100, clockwise: true),     // A
            ],
        ]);

        var ours = new ShapefileFormat().Read(path).Features[0].Geometry;
        var gdal = new WKTReader(GeometryKit.Services).Read(OgrInfoOutput.Parse(GdalTools.Run("ogrinfo", "-al", path)).Features[0].Wkt);

        var multi = Assert.IsType<MultiPolygon>(ours);
        Assert.Equal(3, multi.NumGeometries);
        Assert.All(multi.Geometries.Cast<Polygon>(), p => Assert.Equal(1, p.NumInteriorRings));
        Assert.Equal(100 * 100 - 50 * 50 + 30 * 30 - 10 * 10 + 100 * 100 - 10 * 10, ours.Area);
        Assert.True(ours.IsValid);
        Assert.True(gdal.Normalized().EqualsExact(ours.Normalized()), $"GDAL: {gdal}\nours: {ours}");
    }

    [Fact]
    public void Rings_HoleTouchingShellAtAVertex_StaysAHole()
    {
        using var dir = new TempDirectory();
        var path = dir.File("touch.shp");
        Write(path, 5, [[[(0, 0), (5, 2), (2, 5), (0, 0)], Square(0, 0, 10, clockwise: true)]]);

        var polygon = Assert.IsType<Polygon>(new ShapefileFormat().Read(path).Features[0].Geometry);

        Assert.Equal(1, polygon.NumInteriorRings);
        Assert.Equal(100 - 10.5, polygon.Area, 12);
    }

    [Fact]
    public void Rings_AllCounterClockwise_AreClassifiedByNestingWithWarning()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ccw.shp");
        Write(path, 5, [[Square(0, 0, 100, clockwise: false), Square(10, 10, 20, clockwise: false), Square(500, 0, 10, clockwise: false)]]);

        var set = new ShapefileFormat().Read(path);

        var multi = Assert.IsType<MultiPolygon>(set.Features[0].Geometry);
        Assert.Equal(100 * 100 - 20 * 20 + 10 * 10, multi.Area);
        Assert.Equal(1, ((Polygon)multi.GetGeometryN(0)).NumInteriorRings);
        Assert.Contains(set.Warnings, w => w.Code == "shapefile-ring-orientation" && w.Where?.Record == 1);
    }

    [Fact]
    public void Rings_HoleOutsideEveryShell_IsKeptAsShellWithWarning()
    {
        using var dir = new TempDirectory();
        var path = dir.File("orphan.shp");
        Write(path, 5, [[Square(0, 0, 10, clockwise: true), Square(100, 100, 10, clockwise: false)]]);

        var set = new ShapefileFormat().Read(path);

        var multi = Assert.IsType<MultiPolygon>(set.Features[0].Geometry);
        Assert.Equal(200, multi.Area);
        Assert.Contains(set.Warnings, w => w.Code == "shapefile-orphan-hole");
    }

    [Fact]
    public void Write_OrientsShellsClockwiseAndHolesCounterClockwise()
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(ShapefileSamples.Parcels(), dir.File("p.shp"));

        // Decode the written .shp here, independently of the reader under test: record 2 is a shell and two holes.
        var shp = File.ReadAllBytes(dir.File("p.shp"));
        var signs = RingSigns(shp, recordIndex: 1);

        Assert.Equal(new[] { 1, -1, -1 }, signs); // +1 = clockwise (shoelace area negative in y-up axes)
        Assert.Equal(new[] { 1, 1, -1 }, RingSigns(shp, recordIndex: 2));
    }

    private static int[] RingSigns(byte[] shp, int recordIndex)
    {
        var offset = 100;
        for (var i = 0; i < recordIndex; i++) offset += 8 + 2 * System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(shp.AsSpan(offset + 4));
        var content = offset + 8;
        var parts = BitConverter.ToInt32(shp, content + 36);
        var points = BitConverter.ToInt32(shp, content + 40);
        var starts = Enumerable.Range(0, parts).Select(k => BitConverter.ToInt32(shp, content + 44 + 4 * k)).Append(points).ToArray();
        var xy = content + 44 + 4 * parts;
        double X(int j) => BitConverter.ToDouble(shp, xy + 16 * j);
        double Y(int j) => BitConverter.ToDouble(shp, xy + 16 * j + 8);
        var signs = new int[parts];
        for (var k = 0; k < parts; k++)
        {
            double twiceArea = 0;
            for (var j = starts[k]; j < starts[k + 1] - 1; j++) twiceArea += X(j) * Y(j + 1) - X(j + 1) * Y(j);
            signs[k] = twiceArea < 0 ? 1 : -1;
        }
        return signs;
    }
}
