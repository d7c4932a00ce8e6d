using NetTopologySuite.Geometries;
using OneBlueprint.Formats.GeoPackage;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.Tests.GeoPackage;

public class GeoPackageRoundTripTests
{
    private readonly GeoPackageFormat _format = new();

    [Fact]
    public void RoundTrip_KeepsCoordinatesBitForBit()
    {
        using var temp = new TempFolder();
        var path = temp.File("parcels.gpkg");
        var written = GeoPackageSamples.Parcels();
        _format.Write(written, path);

        var read = _format.Read(path);

        Assert.Equal(written.Features.Count, read.Features.Count);
        for (var i = 0; i < written.Features.Count; i++)
        {
            var expected = written.Features[i].Geometry;
            var actual = read.Features[i].Geometry;
            Assert.Equal(expected.GeometryType, actual.GeometryType);
            Assert.True(expected.EqualsExact(actual), $"feature {i}: {actual} != {expected}");
            var e = expected.Coordinates;
            var a = actual.Coordinates;
            Assert.Equal(e.Length, a.Length);
            for (var k = 0; k < e.Length; k++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(e[k].X), BitConverter.DoubleToInt64Bits(a[k].X));
                Assert.Equal(BitConverter.DoubleToInt64Bits(e[k].Y), BitConverter.DoubleToInt64Bits(a[k].Y));
            }
        }
    }

    [Fact]
    public void RoundTrip_KeepsHolesAndMultipolygonParts()
    {
        using var temp = new TempFolder();
        var path = temp.File("parts.gpkg");
        _format.Write(GeoPackageSamples.Parcels(), path);

        var read = _format.Read(path);

        var withHole = Assert.IsType<Polygon>(read.Features[0].Geometry);
        Assert.Equal(1, withHole.NumInteriorRings);
        var multi = Assert.IsType<MultiPolygon>(read.Features[1].Geometry);
        Assert.Equal(2, multi.NumGeometries);
        Assert.Equal(1, ((Polygon)multi.GetGeometryN(1)).NumInteriorRings);
        Assert.Equal("GEOMETRY", read.Metadata[GeoPackageFormat.GeometryTypeKey]); // polygons and a multipolygon mixed
    }

    [Fact]
    public void RoundTrip_KeepsAttributesTypesAndOrder()
    {
        using var temp = new TempFolder();
        var path = temp.File("attrs.gpkg");
        var written = GeoPackageSamples.Parcels();
        _format.Write(written, path);

        var read = _format.Read(path);

        for (var i = 0; i < written.Features.Count; i++)
        {
            var expected = written.Features[i].Attributes;
            var actual = read.Features[i].Attributes;
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (key, value) in expected)
            {
                Assert.Equal(value, actual[key]);
                Assert.Equal(value?.GetType(), actual[key]?.GetType());
            }
        }
        Assert.Equal(DateTimeKind.Utc, ((DateTime)read.Features[0].Attributes["更新时间"]!).Kind);
    }

    [Fact]
    public void RoundTrip_KeepsSridNameAndFeatureIds()
    {
        using var temp = new TempFolder();
        var path = temp.File("ids.gpkg");
        var written = GeoPackageSamples.Parcels();
        written.Features[0].Id = "7";
        written.Features[1].Id = "42";
        written.Features[2].Id = "1000";
        _format.Write(written, path);

        var read = _format.Read(path);

        Assert.Equal(4547, read.Srid);
        Assert.Equal("项目用地红线", read.Name);
        Assert.Equal(new[] { "7", "42", "1000" }, read.Features.Select(f => f.Id));
        Assert.Equal(4547, read.Features[0].Geometry.SRID);
        Assert.Same(GeometryKit.Factory(4547), read.Features[0].Geometry.Factory);
        Assert.Equal(42, read.Features[1].Source?.Record);
    }

    [Fact]
    public void Write_NonIntegerIds_GoToAnIdColumnAndFidsCount()
    {
        using var temp = new TempFolder();
        var path = temp.File("textids.gpkg");
        var written = GeoPackageSamples.Parcels();
        written.Features[0].Id = "地块1";
        written.Features[1].Id = "2";
        _format.Write(written, path);

        var read = _format.Read(path);

        Assert.Equal(new[] { "1", "2", "3" }, read.Features.Select(f => f.Id));
        Assert.Equal(new object?[] { "地块1", "2", null }, read.Features.Select(f => f.Attributes["id"]));
    }

    [Fact]
    public void Write_MixedValueTypes_WidenToRealOrText()
    {
        using var temp = new TempFolder();
        var path = temp.File("mixed.gpkg");
        var factory = GeometryKit.Factory(4547);
        var set = new FeatureSet { Srid = 4547, Name = "mixed" };
        object?[][] rows = [[1L, 1L, new DateOnly(2024, 1, 2)], [2.5, "二", new DateTime(2024, 1, 3, 4, 5, 6, DateTimeKind.Utc)], [null, 3L, null]];
        for (var i = 0; i < rows.Length; i++)
        {
            var f = new GeoFeature(GeoPackageSamples.Square(factory, 465000 + i * 10, 3846000, 5));
            f.Attributes["数值"] = rows[i][0];
            f.Attributes["混合"] = rows[i][1];
            f.Attributes["日期"] = rows[i][2];
            f.Attributes["全空"] = null;
            set.Features.Add(f);
        }
        _format.Write(set, path);

        var read = _format.Read(path);

        Assert.Equal(new object?[] { 1.0, 2.5, null }, read.Features.Select(f => f.Attributes["数值"]));
        Assert.Equal(new object?[] { "1", "二", "3" }, read.Features.Select(f => f.Attributes["混合"]));
        Assert.Equal(new object?[] { new DateTime(2024, 1, 2), new DateTime(2024, 1, 3, 4, 5, 6), null }, read.Features.Select(f => f.Attributes["日期"]));
        Assert.All(read.Features, f => Assert.Null(f.Attributes["全空"]));
        Assert.Equal("POLYGON", read.Metadata[GeoPackageFormat.GeometryTypeKey]);
    }

    [Fact]
    public void RoundTrip_SeveralLayersInOneFile()
    {
        using var temp = new TempFolder();
        var path = temp.File("blueprint.gpkg");
        var parcels = GeoPackageSamples.Parcels();
        var lonLat = GeometryKit.Factory(4490);
        var boundary = new FeatureSet { Srid = 4490, Name = "CZKFBJ" };
        var zone = new GeoFeature(lonLat.CreatePolygon([new(113.6, 34.7), new(113.8, 34.7), new(113.8, 34.9), new(113.6, 34.7)]));
        zone.Attributes["名称"] = "城镇开发边界";
        boundary.Features.Add(zone);
        _format.Write([parcels, boundary], path);

        var all = _format.ReadAll(path);
        var byName = _format.Read(path + "|czkfbj");
        var first = _format.Read(path);

        Assert.Equal(new[] { "项目用地红线", "CZKFBJ" }, all.Select(s => s.Name));
        Assert.Equal(new int?[] { 4547, 4490 }, all.Select(s => s.Srid));
        Assert.Equal(new[] { 3, 1 }, all.Select(s => s.Features.Count));
        Assert.Equal("CZKFBJ", byName.Name);
        Assert.True(zone.Geometry.EqualsExact(byName.Features[0].Geometry));
        Assert.Equal("城镇开发边界", byName.Features[0].Attributes["名称"]);
        Assert.Equal("项目用地红线", first.Name);
        Assert.Equal(new[] { "项目用地红线", "CZKFBJ" }, _format.ListTables(path).Select(t => t.Table));
    }

    [Fact]
    public void RoundTrip_KeepsZAndPoints()
    {
        using var temp = new TempFolder();
        var path = temp.File("points.gpkg");
        var factory = GeometryKit.Factory(4547);
        var set = new FeatureSet { Srid = 4547, Name = "界址点" };
        set.Features.Add(new GeoFeature(factory.CreatePoint(new CoordinateZ(465650.001, 3846600.002, 101.5))));
        set.Features.Add(new GeoFeature(factory.CreatePoint(new CoordinateZ(465651.001, 3846601.002, 99.25))));
        _format.Write(set, path + "|界址点");

        var read = _format.Read(path);

        Assert.Equal("POINT", read.Metadata[GeoPackageFormat.GeometryTypeKey]);
        Assert.Equal(new[] { 101.5, 99.25 }, read.Features.Select(f => ((Point)f.Geometry).Z));
        Assert.Equal(new[] { 465650.001, 465651.001 }, read.Features.Select(f => ((Point)f.Geometry).X));
    }

    [Fact]
    public void RoundTrip_EmptyGeometryReadsBackEmpty()
    {
        using var temp = new TempFolder();
        var path = temp.File("empty.gpkg");
        var set = GeoPackageSamples.Parcels();
        set.Features[2].Geometry = GeometryKit.Factory(4547).CreatePolygon();
        _format.Write(set, path);

        var read = _format.Read(path);

        Assert.True(read.Features[2].Geometry.IsEmpty);
        Assert.Equal(3, read.Features.Count);
    }

    [Fact]
    public void RoundTrip_AttributesNamedLikeSystemColumnsKeepTheirNames()
    {
        using var temp = new TempFolder();
        var path = temp.File("names.gpkg");
        var factory = GeometryKit.Factory(4547);
        var set = new FeatureSet { Srid = 4547, Name = "t" };
        var f = new GeoFeature(GeoPackageSamples.Square(factory, 465000, 3846000, 5));
        f.Attributes["fid"] = "外部编号";
        f.Attributes["geom"] = 1L;
        f.Attributes["Name"] = "a";
        f.Attributes["NAME"] = "b";
        f.Attributes["有 空格 和 \"引号\""] = 2.5;
        set.Features.Add(f);
        _format.Write(set, path);

        var read = _format.Read(path).Features.Single();

        Assert.Equal("外部编号", read.Attributes["fid"]);
        Assert.Equal(1L, read.Attributes["geom"]);
        Assert.Equal("a", read.Attributes["Name"]);
        Assert.Equal("b", read.Attributes["NAME_2"]);
        Assert.Equal(2.5, read.Attributes["有 空格 和 \"引号\""]);
        Assert.True(f.Geometry.EqualsExact(read.Geometry));
    }

    [Fact]
    public void Write_ReplacesAnExistingFile()
    {
        using var temp = new TempFolder();
        var path = temp.File("again.gpkg");
        File.WriteAllText(path, "not a geopackage");
        _format.Write(GeoPackageSamples.Parcels(), path);
        _format.Write(GeoPackageSamples.Parcels(4547), path);

        Assert.Equal(3, _format.Read(path).Features.Count);
        Assert.Equal(new string?[] { "again.gpkg" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void RoundTrip_LayerWithoutFeatures()
    {
        using var temp = new TempFolder();
        var path = temp.File("none.gpkg");
        _format.Write(new FeatureSet { Srid = 4547, Name = "空图层" }, path);

        var read = _format.Read(path);
        var info = GdalTools.OgrInfo("-so", path, "空图层");

        Assert.Empty(read.Features);
        Assert.Equal(4547, read.Srid);
        Assert.Contains("Feature Count: 0", info.Lines);
        Assert.Empty(info.Complaints);
    }

    [Fact]
    public void Write_DuplicateLayerNames_AreRefused()
    {
        using var temp = new TempFolder();
        var a = GeoPackageSamples.Parcels();
        var b = GeoPackageSamples.Parcels();
        b.Name = a.Name;
        Assert.Throws<ArgumentException>(() => _format.Write([a, b], temp.File("dup.gpkg")));
    }
}
