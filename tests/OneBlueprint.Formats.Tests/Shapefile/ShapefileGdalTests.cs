using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Formats.Shapefile;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.Tests.Shapefile;

/// <summary>
/// GDAL (ogrinfo/ogr2ogr, gdal-bin) as the independent reference: GDAL must read what we write, and we
/// must read what GDAL writes, with the same features, names, types, coordinates and areas.
/// </summary>
public class ShapefileGdalTests
{
    private const string Cities = "/work/shared/data/henan-admin/datav_henan_18cities.geojson";
    private const string Counties = "/work/shared/data/henan-admin/datav_henan_counties.geojson";

    public static TheoryData<ShapefileTextEncoding> Encodings => new() { ShapefileTextEncoding.Utf8, ShapefileTextEncoding.Gb18030 };

    [Fact]
    public void AutoEncoding_KeepsFourCharacterChineseFieldNames_AsGdalReadsThem()
    {
        using var dir = new TempDirectory();
        var set = ShapefileSamples.Parcels();
        foreach (var f in set.Features) f.Attributes["地块名称"] = "彭埠单元";
        new ShapefileFormat().Write(set, dir.File("auto.shp"));

        var info = OgrInfoOutput.Parse(GdalTools.Run("ogrinfo", "-al", dir.File("auto.shp")));
        Assert.Contains("地块名称", info.FieldDefinitions.Keys); // 12 bytes in UTF-8, 8 in GBK: only GBK keeps it whole
        Assert.Equal("彭埠单元", info.Features[0].Values["地块名称"]);
        Assert.Equal("GB18030", File.ReadAllText(dir.File("auto.cpg")));
        Assert.Equal("彭埠单元", new ShapefileFormat().Read(dir.File("auto.shp")).Features[0].Attributes["地块名称"]);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Gdal_ReadsOurShapefile_FeaturesFieldsTextAndCoordinates(ShapefileTextEncoding encoding)
    {
        using var dir = new TempDirectory();
        var original = ShapefileSamples.Parcels();
        new ShapefileFormat(new ShapefileWriteOptions { Encoding = encoding }).Write(original, dir.File("parcels.shp"));

        var text = GdalTools.Run("ogrinfo", "-al", dir.File("parcels.shp"));
        var info = OgrInfoOutput.Parse(text);

        Assert.Equal("3", info.Summary["Feature Count"]);
        Assert.Equal("Polygon", info.Summary["Geometry"]);
        Assert.Contains("ID[\"EPSG\",4526]]", text); // GDAL identified the .prj as EPSG:4526
        Assert.Equal(new[] { "NAME", "CODE", "AREA", "VALID", "DATE", "NOTE" }, info.FieldDefinitions.Keys);
        Assert.StartsWith("String", info.FieldDefinitions["NAME"]);
        Assert.StartsWith("Integer", info.FieldDefinitions["CODE"]);
        Assert.StartsWith("Real", info.FieldDefinitions["AREA"]);
        Assert.StartsWith("Date", info.FieldDefinitions["DATE"]);

        Assert.Equal(ShapefileSamples.ChineseName, info.Features[0].Values["NAME"]);
        Assert.Equal("永久基本农田", info.Features[1].Values["NAME"]);
        Assert.Equal("410101", info.Features[1].Values["CODE"]);
        Assert.Equal(123456.789, OgrInfoOutput.Number(info.Features[1].Values["AREA"]));
        Assert.Equal(0.1234, OgrInfoOutput.Number(info.Features[0].Values["AREA"]));
        Assert.Equal("2024/06/01", info.Features[0].Values["DATE"]);
        Assert.Equal("(null)", info.Features[1].Values["NOTE"]);

        var reader = new WKTReader(GeometryKit.Services);
        var withHoles = (Polygon)reader.Read(info.Features[1].Wkt);
        Assert.Equal(2, withHoles.NumInteriorRings);
        AssertHasVertex(withHoles, 38466100.33, 3847200.44);
        AssertHasVertex(reader.Read(info.Features[0].Wkt), 38465650.123456789, 3846600.987654321);
        var multi = (MultiPolygon)reader.Read(info.Features[2].Wkt);
        Assert.Equal(2, multi.NumGeometries);
        Assert.Equal(1, ((Polygon)multi.GetGeometryN(1)).NumInteriorRings);
    }

    [Fact]
    public void Gdal_ComputesTheSameAreasOnOurShapefile()
    {
        using var dir = new TempDirectory();
        var original = ShapefileSamples.Parcels();
        new ShapefileFormat().Write(original, dir.File("parcels.shp"));

        var areas = GdalAreas(dir.File("parcels.shp"), "parcels", "NAME");

        Assert.Equal(original.Features.Select(f => (string)f.Attributes["NAME"]!), areas.Select(a => a.Name));
        foreach (var (feature, (_, area)) in original.Features.Zip(areas))
            AssertRelative(feature.Geometry.Area, area, 1e-9);
    }

    [Fact]
    public void Gdal_ReadsOurNullsAndZ()
    {
        using var dir = new TempDirectory();
        var set = new FeatureSet { Srid = 4490 };
        var first = new GeoFeature(ShapefileSamples.Wkt("POINT Z (113.5 34.25 101.5)", 4490));
        first.Attributes["I"] = 1L; first.Attributes["R"] = 0.5; first.Attributes["D"] = new DateOnly(2020, 2, 29); first.Attributes["S"] = "a";
        var second = new GeoFeature(ShapefileSamples.Wkt("POINT Z (113.75 34.5 -3)", 4490));
        second.Attributes["I"] = null; second.Attributes["R"] = null; second.Attributes["D"] = null; second.Attributes["S"] = null;
        set.Features.Add(first);
        set.Features.Add(second);
        new ShapefileFormat().Write(set, dir.File("z.shp"));

        var info = OgrInfoOutput.Parse(GdalTools.Run("ogrinfo", "-al", dir.File("z.shp")));

        Assert.Equal("3D Point", info.Summary["Geometry"]);
        Assert.Equal("POINT Z (113.5 34.25 101.5)", info.Features[0].Wkt);
        Assert.Equal("2020/02/29", info.Features[0].Values["D"]);
        foreach (var field in new[] { "I", "R", "D", "S" })
            Assert.True(info.Features[1].Values[field] == "(null)", $"{field} = {info.Features[1].Values[field]}");
    }

    [Theory]
    [InlineData(Cities, "UTF-8", false)]
    [InlineData(Cities, "CP936", false)]
    [InlineData(Cities, "CP936", true)]
    [InlineData(Counties, "UTF-8", false)]
    [InlineData(Counties, "CP936", true)]
    public void Reader_ReadsGdalShapefile_SameNamesAndAreas(string source, string encoding, bool dropCpg)
    {
        using var dir = new TempDirectory();
        var layer = Path.GetFileNameWithoutExtension(source);
        GdalTools.Run("ogr2ogr", "-f", "ESRI Shapefile", dir.Path, source, "-lco", "ENCODING=" + encoding, "-select", "adcode,name,level");
        var shp = Path.Combine(dir.Path, layer + ".shp");
        var reference = GdalAreas(shp, layer, "name");
        if (dropCpg) File.Delete(Path.ChangeExtension(shp, ".cpg")); // GDAL writes LDID 0: the reader must detect GBK itself

        var read = new ShapefileFormat().Read(shp);

        Assert.Equal(4326, read.Srid);
        Assert.Equal(reference.Count, read.Features.Count);
        Assert.Equal(reference.Select(r => r.Name), read.Features.Select(f => (string)f.Attributes["name"]!));
        Assert.Contains(source == Cities ? "郑州市" : "管城回族区", read.Features.Select(f => f.Attributes["name"]));
        foreach (var (feature, (name, area)) in read.Features.Zip(reference))
            AssertRelative(area, feature.Geometry.Area, 1e-9, name);
        Assert.IsType<long>(read.Features[0].Attributes["adcode"]);
        if (dropCpg && encoding == "CP936") Assert.Contains(read.Warnings, w => w.Code == "shapefile-encoding-guessed");
    }

    [Fact]
    public void Reader_ReadsGdalPolygonsWithHolesAndMultiPolygons_Exactly()
    {
        using var dir = new TempDirectory();
        var original = ShapefileSamples.Parcels();
        var rows = ShapefileSamples.ParcelWkts.Zip(ShapefileSamples.ParcelNames, (wkt, name) => $"\"{wkt}\",\"{name}\"");
        File.WriteAllText(dir.File("in.csv"), "WKT,NAME\n" + string.Join("\n", rows) + "\n");
        GdalTools.Run("ogr2ogr", "-f", "ESRI Shapefile", dir.File("out.shp"), dir.File("in.csv"), "-lco", "ENCODING=UTF-8", "-nlt", "MULTIPOLYGON");

        var read = new ShapefileFormat().Read(dir.File("out.shp"));

        Assert.Equal(original.Features.Count, read.Features.Count);
        foreach (var (expected, actual) in original.Features.Zip(read.Features))
        {
            Assert.Equal(expected.Attributes["NAME"], actual.Attributes["NAME"]);
            Assert.True(expected.Geometry.Normalized().EqualsExact(actual.Geometry.Normalized()), $"{expected.Geometry} != {actual.Geometry}");
        }
    }

    [Fact]
    public void Reader_ReadsGdalMeasuredShapes_KeepingZDroppingM()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.csv"), "WKT,ID\n\"LINESTRING ZM (1 2 3 4,5 6 7 8)\",1\n\"LINESTRING ZM (10 20 30 40,50 60 70 80,90 100 110 120)\",2\n");
        File.WriteAllText(dir.File("m.csv"), "WKT,ID\n\"POINT M (1.5 2.5 9)\",1\n");
        GdalTools.Run("ogr2ogr", "-f", "ESRI Shapefile", dir.File("zm.shp"), dir.File("in.csv"), "-nlt", "LINESTRINGZM");
        GdalTools.Run("ogr2ogr", "-f", "ESRI Shapefile", dir.File("pm.shp"), dir.File("m.csv"), "-nlt", "POINTM");

        var zm = new ShapefileFormat().Read(dir.File("zm.shp"));
        var pm = new ShapefileFormat().Read(dir.File("pm.shp"));

        Assert.Equal("PolyLineZ", zm.Metadata["shapefile.shape_type"]);
        Assert.Equal(new[] { 30.0, 70, 110 }, zm.Features[1].Geometry.Coordinates.Select(c => c.Z));
        Assert.Equal(new[] { 10.0, 50, 90 }, zm.Features[1].Geometry.Coordinates.Select(c => c.X));
        Assert.Contains(zm.Warnings, w => w.Code == "shapefile-measures-dropped");
        Assert.Equal("PointM", pm.Metadata["shapefile.shape_type"]);
        Assert.Equal(new Coordinate(1.5, 2.5), pm.Features[0].Geometry.Coordinate);
        Assert.True(double.IsNaN(pm.Features[0].Geometry.Coordinate.Z));
    }

    /// <summary>Per-feature (name, area) as GDAL computes them (OGR_GEOM_AREA, planar, in file units).</summary>
    internal static List<(string Name, double Area)> GdalAreas(string shp, string layer, string nameField)
    {
        var info = OgrInfoOutput.Parse(GdalTools.Run("ogrinfo", "-q", shp, "-sql", $"SELECT {nameField}, OGR_GEOM_AREA FROM \"{layer}\""));
        return info.Features.Select(f => (f.Values[nameField], OgrInfoOutput.Number(f.Values["OGR_GEOM_AREA"]))).ToList();
    }

    private static void AssertRelative(double expected, double actual, double tolerance, string? what = null) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Abs(expected), $"{what}: expected {expected:R}, got {actual:R}");

    /// <summary>ogrinfo prints 15 significant digits, so a vertex matches to ~1e-7 m at 8-digit eastings.</summary>
    private static void AssertHasVertex(Geometry geometry, double x, double y) =>
        Assert.Contains(geometry.Coordinates, c => Math.Abs(c.X - x) < 1e-6 && Math.Abs(c.Y - y) < 1e-6);
}
