using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using OneBlueprint.Formats.GeoJson;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.Tests.GeoJson;

/// <summary>
/// GDAL (ogrinfo/ogr2ogr) as the independent reference: what we write must mean the same to GDAL, and what
/// GDAL reads from a file (or writes) must be what we read.
/// </summary>
public sealed class GeoJsonGdalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ob-geojson-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> RealFiles() =>
        new(new[] { GeoJsonTestData.HenanCounties }.Concat(GeoJsonTestData.NaturalEarthFiles));

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void RealFile_WeReadTheGeometriesGdalReads(string path)
    {
        var ours = new GeoJsonFormat().Read(path);
        var gdal = GdalGeometries(path);
        Assert.Equal(gdal.Count, ours.Features.Count);
        for (var i = 0; i < gdal.Count; i++)
            // ogrinfo prints 15 significant digits: 1e-11° is far below that rounding's reach at 100°.
            Assert.True(gdal[i].EqualsExact(ours.Features[i].Geometry, 1e-11), $"feature {i} differs from GDAL's");
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void RealFile_WhatWeWriteGdalReadsAlike(string path)
    {
        var ours = new GeoJsonFormat().Read(path);
        var written = Path.Combine(_folder, "written.geojson");
        new GeoJsonFormat().Write(ours, written);

        var original = Ogr.Info("-al", "-so", path);
        var copy = Ogr.Info("-al", "-so", written);
        Assert.Equal(Ogr.FeatureCount(original), Ogr.FeatureCount(copy));
        Assert.Equal(Ogr.GeometryType(original), Ogr.GeometryType(copy));
        Assert.Equal(Ogr.Fields(original), Ogr.Fields(copy));

        var gdal = GdalGeometries(written);
        for (var i = 0; i < gdal.Count; i++)
            // Normalized: our writer may have reversed rings (right-hand rule). 9 decimals are written (±0.5e-9 per axis).
            Assert.True(gdal[i].Normalized().EqualsExact(ours.Features[i].Geometry.Normalized(), 1e-9),
                $"feature {i}: GDAL reads our output differently");
    }

    [Fact]
    public void ProjectedSet_GdalSeesEpsg4547AndOurFields()
    {
        var factory = GeometryKit.Factory(4547);
        var set = new FeatureSet { Srid = 4547, Name = "redline" };
        for (var i = 0; i < 3; i++)
        {
            var x = 500000.0 + i * 100;
            var feature = new GeoFeature(factory.CreatePolygon([new(x, 3800000), new(x + 50, 3800000), new(x + 50, 3800050), new(x, 3800050), new(x, 3800000)]))
            {
                Id = (i + 1).ToString(),
            };
            feature.Attributes["地块编号"] = $"DK-{i + 1}";
            feature.Attributes["面积"] = 2500.0 + i;
            feature.Attributes["点数"] = 5L;
            feature.Attributes["工业"] = i % 2 == 0;
            feature.Attributes["审批"] = new RawJson("""{"部门":"自然资源局"}""");
            set.Features.Add(feature);
        }
        var path = Path.Combine(_folder, "redline.geojson");
        new GeoJsonFormat().Write(set, path);

        var report = Ogr.Info("-al", "-so", path);
        Assert.Equal(3, Ogr.FeatureCount(report));
        Assert.Equal("Polygon", Ogr.GeometryType(report));
        Assert.Equal(["地块编号", "面积", "点数", "工业", "审批"], Ogr.Fields(report).Keys);
        Assert.Matches(new Regex(@"ID\[""EPSG"",4547\]\]\s*\r?\nData axis"), report); // the layer CRS itself, not a component
        Assert.Contains("3-degree Gauss-Kruger CM 114E", report);
    }

    [Fact]
    public void GdalReprojectedFile_ReadsWithItsLegacyCrs()
    {
        // GDAL writes the legacy crs member for a non-WGS 84 system; our reader must take the SRID from it.
        var path = Path.Combine(_folder, "gk.geojson");
        Ogr.Convert("-f", "GeoJSON", "-s_srs", "EPSG:4490", "-t_srs", "EPSG:4547", path, GeoJsonTestData.HenanCounties);
        var set = new GeoJsonFormat().Read(path);
        Assert.Equal(4547, set.Srid);
        Assert.Equal(158, set.Features.Count);
        Assert.DoesNotContain(set.Warnings, w => w.Code == GeoJsonCodes.CoordinateOutOfRange);
        var gdal = GdalGeometries(path);
        for (var i = 0; i < gdal.Count; i++)
            Assert.True(gdal[i].EqualsExact(set.Features[i].Geometry, 1e-6), $"feature {i}");
    }

    [Fact]
    public void GdalRfc7946Output_HasNoWindingWarnings()
    {
        // DataV rings are clockwise (we warn); GDAL's RFC 7946 mode rewrites them, after which we must not.
        Assert.Contains(new GeoJsonFormat().Read(GeoJsonTestData.HenanCounties).Warnings, w => w.Code == GeoJsonCodes.RightHandRule);
        var path = Path.Combine(_folder, "rfc.geojson");
        Ogr.Convert("-f", "GeoJSON", "-lco", "RFC7946=YES", path, GeoJsonTestData.HenanCounties);
        Assert.DoesNotContain(new GeoJsonFormat().Read(path).Warnings, w => w.Code == GeoJsonCodes.RightHandRule);
    }

    /// <summary>Each feature's geometry as ogrinfo prints it (ISO WKT, one line per feature).</summary>
    private static List<Geometry> GdalGeometries(string path)
    {
        var reader = new WKTReader();
        return Ogr.Info("-al", "-q", "-geom=ISO_WKT", path).Split('\n')
            .Where(l => Regex.IsMatch(l, @"^  (MULTI)?(POINT|LINESTRING|POLYGON)|^  GEOMETRYCOLLECTION"))
            .Select(l => reader.Read(l.Trim()))
            .ToList();
    }
}
