using Microsoft.Data.Sqlite;
using OneBlueprint.Formats.GeoPackage;
using OneBlueprint.Geo.Features;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.Formats.Tests.GeoPackage;

/// <summary>The CRS a file declares, judged by PROJ (projinfo) and GDAL (ogrinfo).</summary>
public class GeoPackageCrsTests
{
    private readonly GeoPackageFormat _format = new();

    [Theory]
    [InlineData(4490)]
    [InlineData(4547)]
    [InlineData(4527)]
    [InlineData(4513)]
    [InlineData(4554)]
    [InlineData(4610)]
    [InlineData(2383)]
    [InlineData(2361)]
    [InlineData(4214)]
    [InlineData(2435)]
    [InlineData(2413)]
    [InlineData(4326)]
    public void Write_SrsDefinition_IsProjsWkt1(int srid)
    {
        using var temp = new TempFolder();
        var path = temp.File("crs.gpkg");
        _format.Write(OnePoint(srid), path);

        var definition = Definition(path, srid);
        var proj = GdalTools.ProjInfo($"EPSG:{srid}", "-o", "WKT1_GDAL", "--single-line", "-q");

        Assert.Equal(0, proj.ExitCode);
        Assert.Equal(proj.Stdout.Trim(), definition);
    }

    [Theory]
    [InlineData(4547)]
    [InlineData(4490)]
    [InlineData(4527)]
    [InlineData(2383)]
    [InlineData(2435)]
    [InlineData(3857)]
    [InlineData(32650)] // not one of ours: written as 'undefined', GDAL resolves the EPSG code itself
    public void Gdal_RecognisesTheLayerCrs(int srid)
    {
        using var temp = new TempFolder();
        var path = temp.File("crs.gpkg");
        _format.Write(OnePoint(srid), path);

        var info = GdalTools.OgrInfo("-so", path, "p");

        Assert.Empty(info.Complaints);
        Assert.Contains($"    ID[\"EPSG\",{srid}]]", info.Lines);
        Assert.Equal(srid, _format.Read(path).Srid);
    }

    [Fact]
    public void Write_WithoutSrid_UsesTheUndefinedSystem()
    {
        using var temp = new TempFolder();
        var path = temp.File("nocrs.gpkg");
        var set = OnePoint(4547);
        set.Srid = null;
        _format.Write(set, path);

        var info = GdalTools.OgrInfo("-so", path, "p");

        Assert.Null(_format.Read(path).Srid);
        Assert.Empty(info.Complaints);
        // GDAL shows srs_id -1 as the engineering CRS "Undefined Cartesian SRS", with no EPSG code.
        Assert.Contains("ENGCRS[\"Undefined Cartesian SRS\",", info.Lines);
        Assert.DoesNotContain(info.Lines, l => l.Contains("ID[\"EPSG\""));
    }

    private static FeatureSet OnePoint(int srid)
    {
        var set = new FeatureSet { Srid = srid, Name = "p" };
        set.Features.Add(new GeoFeature(GeometryKit.Factory(srid).CreatePoint(new NetTopologySuite.Geometries.Coordinate(113.5, 34.5))));
        return set;
    }

    private static string Definition(string path, int srid)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = $id AND organization = 'EPSG' AND organization_coordsys_id = $id";
        command.Parameters.AddWithValue("$id", srid);
        return (string)command.ExecuteScalar()!;
    }
}
