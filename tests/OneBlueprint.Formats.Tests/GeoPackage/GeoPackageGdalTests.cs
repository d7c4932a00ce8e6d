using System.Globalization;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Formats.GeoPackage;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.Tests.GeoPackage;

/// <summary>GDAL (ogrinfo/ogr2ogr) as the independent judge: it reads what we write, and we read what it writes.</summary>
public class GeoPackageGdalTests
{
    private static readonly string HenanCities = "/work/shared/data/henan-admin/datav_henan_18cities.geojson";
    private readonly GeoPackageFormat _format = new();

    [Fact]
    public void Gdal_ReadsOurProjectedLayer()
    {
        using var temp = new TempFolder();
        var path = temp.File("parcels.gpkg");
        var set = GeoPackageSamples.Parcels(4547);
        _format.Write(set, path);

        var info = GdalTools.OgrInfo("-al", path);

        Assert.Equal(0, info.ExitCode);
        Assert.Empty(info.Complaints);
        Assert.Contains("Layer name: 项目用地红线", info.Lines);
        Assert.Contains("Feature Count: 3", info.Lines);
        Assert.Contains("Geometry: Unknown (any)", info.Lines); // Polygon and MultiPolygon mixed → GEOMETRY
        Assert.Contains("PROJCRS[\"CGCS2000 / 3-degree Gauss-Kruger CM 114E\",", info.Lines);
        Assert.Contains("    ID[\"EPSG\",4547]]", info.Lines);
        Assert.Contains("FID Column = fid", info.Lines);
        Assert.Contains("名称: String (0.0)", info.Lines);
        Assert.Contains("面积: Real (0.0)", info.Lines);
        Assert.Contains("点数: Integer64 (0.0)", info.Lines);
        Assert.Contains("有效: Integer(Boolean) (0.0)", info.Lines);
        Assert.Contains("批准日期: Date (0.0)", info.Lines);
        Assert.Contains("更新时间: DateTime (0.0)", info.Lines);
        Assert.Contains("  名称 (String) = 郑州市金水区地块一", info.Lines);
        Assert.Contains("  批准日期 (Date) = 2024/06/01", info.Lines);
        Assert.Contains("  更新时间 (DateTime) = 2024/06/01 08:30:15.250+00", info.Lines);
        Assert.Contains("  有效 (Integer(Boolean)) = 0", info.Lines);
        Assert.Contains("  备注 (String) = (null)", info.Lines);

        var geometries = GeometriesOf(info);
        Assert.Equal(3, geometries.Count);
        AssertSameVertex(set.Features[0].Geometry.Coordinates[0], geometries[0].Coordinates[0]);
        AssertSameVertex(set.Features[1].Geometry.Coordinates[^1], geometries[1].Coordinates[^1]);
        Assert.Equal(2, ((MultiPolygon)geometries[1]).NumGeometries);
        Assert.Equal(1, ((Polygon)geometries[0]).NumInteriorRings);
    }

    [Fact]
    public void Gdal_ReadsOurGeographicLayer()
    {
        using var temp = new TempFolder();
        var path = temp.File("boundary.gpkg");
        var factory = GeometryKit.Factory(4490);
        var set = new FeatureSet { Srid = 4490, Name = "城镇开发边界" };
        var feature = new GeoFeature(factory.CreateMultiPolygon([
            factory.CreatePolygon([new(113.625, 34.75), new(113.875, 34.75), new(113.875, 34.9375), new(113.625, 34.75)])]));
        feature.Attributes["XZQMC"] = "郑州市";
        feature.Attributes["XZQDM"] = 410100L;
        set.Features.Add(feature);
        _format.Write(set, path);

        var info = GdalTools.OgrInfo("-al", path);

        Assert.Equal(0, info.ExitCode);
        Assert.Empty(info.Complaints);
        Assert.Contains("Feature Count: 1", info.Lines);
        Assert.Contains("Geometry: Multi Polygon", info.Lines);
        Assert.Contains("GEOGCRS[\"China Geodetic Coordinate System 2000\",", info.Lines);
        Assert.Contains("    ID[\"EPSG\",4490]]", info.Lines);
        Assert.Contains("  XZQMC (String) = 郑州市", info.Lines);
        Assert.Contains("  XZQDM (Integer64) = 410100", info.Lines);
        Assert.Contains("Extent: (113.625000, 34.750000) - (113.875000, 34.937500)", info.Lines);
        // GDAL keeps x = longitude for the data even though EPSG:4490 is latitude-first.
        Assert.Contains("Data axis to CRS axis mapping: 2,1", info.Lines);
        AssertSameVertex(new Coordinate(113.875, 34.9375), GeometriesOf(info)[0].Coordinates[2]);
    }

    [Fact]
    public void Gdal_FindsAndUsesOurSpatialIndex()
    {
        using var temp = new TempFolder();
        var path = temp.File("grid.gpkg");
        var factory = GeometryKit.Factory(4547);
        var set = new FeatureSet { Srid = 4547, Name = "grid" };
        for (var i = 0; i < 400; i++)
            set.Features.Add(new GeoFeature(GeoPackageSamples.Square(factory, 465000 + i % 20 * 10, 3846000 + i / 20 * 10, 8)));
        _format.Write(set, path);
        // Squares 8 m wide on a 10 m grid: the window meets columns 3..6 and rows 2..4 → 4 × 3 = 12.
        var window = new Envelope(465035, 465065, 3846025, 3846045);
        var expected = set.Features.Count(f => f.Geometry.EnvelopeInternal.Intersects(window));

        var hasIndex = GdalTools.OgrInfo(path, "-sql", "SELECT HasSpatialIndex('grid', 'geom')");
        var indexed = GdalTools.OgrInfo(path, "-sql", "SELECT COUNT(*) AS n FROM rtree_grid_geom");
        var filtered = GdalTools.OgrInfo("-al", "-q", "-spat", "465035", "3846025", "465065", "3846045", path);

        Assert.Equal(12, expected);
        Assert.Contains("  HasSpatialIndex (Integer) = 1", hasIndex.Lines);
        Assert.Contains("  n (Integer) = 400", indexed.Lines);
        Assert.Equal(expected, filtered.Lines.Count(l => l.StartsWith("OGRFeature(grid)")));
        Assert.Empty(hasIndex.Complaints.Concat(indexed.Complaints).Concat(filtered.Complaints));
    }

    [Fact]
    public void Read_GdalWrittenHenanCities_MatchesOgrinfo()
    {
        using var temp = new TempFolder();
        var path = temp.File("henan.gpkg");
        var convert = GdalTools.Ogr2Ogr("-f", "GPKG", path, HenanCities);
        Assert.True(convert.ExitCode == 0, convert.Stderr);
        var table = "datav_henan_18cities";

        var set = _format.Read(path);
        var count = GdalTools.OgrInfo("-so", path, table);
        var names = GdalTools.OgrInfo(path, "-sql", $"SELECT name FROM {table} ORDER BY fid");
        var area = GdalTools.OgrInfo(path, "-dialect", "SQLite", "-sql", $"SELECT printf('%.17g', SUM(ST_Area(geom))) AS a FROM {table}");

        Assert.Equal(table, set.Name);
        Assert.Equal(4326, set.Srid);
        var gdalCount = int.Parse(count.Lines.Single(l => l.StartsWith("Feature Count: "))["Feature Count: ".Length..], CultureInfo.InvariantCulture);
        Assert.Equal(18, gdalCount);
        Assert.Equal(gdalCount, set.Features.Count);
        var gdalNames = names.Lines.Where(l => l.StartsWith("  name (String) = ")).Select(l => l["  name (String) = ".Length..]).ToList();
        Assert.Equal(gdalNames, set.Features.Select(f => (string?)f.Attributes["name"]));
        Assert.Contains("郑州市", gdalNames);
        var gdalArea = double.Parse(area.Lines.Single(l => l.StartsWith("  a (String) = "))["  a (String) = ".Length..], CultureInfo.InvariantCulture);
        var ourArea = set.Features.Sum(f => f.Geometry.Area);
        Assert.True(Math.Abs(ourArea - gdalArea) <= 1e-9 * gdalArea, $"area {ourArea} vs ogrinfo {gdalArea}");
        Assert.Equal(410100L, set.Features[0].Attributes["adcode"]);
        Assert.Equal(new[] { "1", "2" }, set.Features.Take(2).Select(f => f.Id));
    }

    [Fact]
    public void Read_GdalWrittenPointsWithZ_MatchSource()
    {
        using var temp = new TempFolder();
        var geojson = temp.File("points.geojson");
        File.WriteAllText(geojson, """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"点号":"J1","高程":101.5},"geometry":{"type":"Point","coordinates":[113.6253125,34.7471875,101.5]}},
             {"type":"Feature","properties":{"点号":"J2","高程":null},"geometry":{"type":"Point","coordinates":[113.6259375,34.7478125,99.25]}}
            ]}
            """);
        var path = temp.File("points.gpkg");
        var convert = GdalTools.Ogr2Ogr("-f", "GPKG", "-a_srs", "EPSG:4490", "-nln", "界址点", path, geojson);
        Assert.True(convert.ExitCode == 0, convert.Stderr);

        var set = _format.Read(path);

        Assert.Equal("界址点", set.Name);
        Assert.Equal(4490, set.Srid);
        var points = set.Features.Select(f => Assert.IsType<Point>(f.Geometry)).ToList();
        Assert.Equal(new[] { 113.6253125, 113.6259375 }, points.Select(p => p.X));
        Assert.Equal(new[] { 34.7471875, 34.7478125 }, points.Select(p => p.Y));
        Assert.Equal(new[] { 101.5, 99.25 }, points.Select(p => p.Z));
        Assert.Equal(new object?[] { "J1", "J2" }, set.Features.Select(f => f.Attributes["点号"]));
        Assert.Equal(new object?[] { 101.5, null }, set.Features.Select(f => f.Attributes["高程"]));
    }

    [Fact]
    public void RoundTrip_GdalCopyOfOurFile_ReadsTheSame()
    {
        using var temp = new TempFolder();
        var ours = temp.File("ours.gpkg");
        var copy = temp.File("copy.gpkg");
        var set = GeoPackageSamples.Parcels(4547);
        _format.Write(set, ours);
        var convert = GdalTools.Ogr2Ogr("-f", "GPKG", copy, ours);
        Assert.True(convert.ExitCode == 0, convert.Stderr);

        var read = _format.Read(copy);

        Assert.Equal(4547, read.Srid);
        for (var i = 0; i < set.Features.Count; i++)
        {
            Assert.True(set.Features[i].Geometry.EqualsExact(read.Features[i].Geometry));
            Assert.Equal(set.Features[i].Attributes, read.Features[i].Attributes);
        }
    }

    private static readonly Regex WktLine = new(@"^\s+((MULTI)?(POLYGON|POINT|LINESTRING)\s*Z?\s*\(.*)$", RegexOptions.Compiled);

    private static List<Geometry> GeometriesOf(GdalTools.Result info)
    {
        var reader = new WKTReader();
        return info.Lines.Select(l => WktLine.Match(l)).Where(m => m.Success).Select(m => reader.Read(m.Groups[1].Value)).ToList();
    }

    /// <summary>ogrinfo prints 15 significant digits, so a vertex matches to well under a micrometre.</summary>
    private static void AssertSameVertex(Coordinate expected, Coordinate actual)
    {
        Assert.True(Math.Abs(expected.X - actual.X) <= 1e-6 && Math.Abs(expected.Y - actual.Y) <= 1e-6, $"{actual} != {expected}");
    }
}
