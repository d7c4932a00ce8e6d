using Microsoft.Data.Sqlite;
using OneBlueprint.Formats.GeoPackage;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.Tests.GeoPackage;

public class GeoPackageErrorTests
{
    private readonly GeoPackageFormat _format = new();

    [Fact]
    public void Read_TextFile_IsNotSqlite()
    {
        using var temp = new TempFolder();
        var path = temp.File("redline.gpkg");
        File.WriteAllText(path, "[属性描述]\n格式版本号=1.01\n");

        var problem = Problem(() => _format.Read(path), out var status);

        Assert.Equal(GeoPackageCodes.NotSqlite, problem.Code);
        Assert.Equal(400, status);
        Assert.Contains("redline.gpkg", problem.What);
        Assert.Equal(path, problem.Where?.File);
    }

    [Fact]
    public void Read_EmptyFile_IsNotSqlite()
    {
        using var temp = new TempFolder();
        var path = temp.File("empty.gpkg");
        File.WriteAllBytes(path, []);

        Assert.Equal(GeoPackageCodes.NotSqlite, Problem(() => _format.ReadAll(path), out _).Code);
    }

    [Fact]
    public void Read_MissingFile_SaysSo()
    {
        using var temp = new TempFolder();
        Assert.Equal(GeoPackageCodes.FileMissing, Problem(() => _format.Read(temp.File("nope.gpkg")), out _).Code);
    }

    [Fact]
    public void Read_PlainSqliteDatabase_IsNotAGeoPackage()
    {
        using var temp = new TempFolder();
        var path = temp.File("plain.gpkg");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE parcels (id INTEGER PRIMARY KEY, wkt TEXT)";
            command.ExecuteNonQuery();
        }

        var problem = Problem(() => _format.Read(path), out _);

        Assert.Equal(GeoPackageCodes.NotGeoPackage, problem.Code);
        Assert.Contains("gpkg_contents", problem.What);
    }

    [Fact]
    public void Read_GeoPackageWithoutFeatureTables_SaysSo()
    {
        using var temp = new TempFolder();
        var path = temp.File("nofeatures.gpkg");
        _format.Write(GeoPackageSamples.Parcels(), path);
        GeoPackageSurgery.Execute(path, "DELETE FROM gpkg_geometry_columns; UPDATE gpkg_contents SET data_type = 'attributes'");

        Assert.Equal(GeoPackageCodes.NoFeatureTable, Problem(() => _format.Read(path), out _).Code);
    }

    [Fact]
    public void Read_UnknownTableName_ListsTheTables()
    {
        using var temp = new TempFolder();
        var path = temp.File("one.gpkg");
        _format.Write(GeoPackageSamples.Parcels(), path);

        var problem = Problem(() => _format.Read(path + "|STBHHX"), out _);

        Assert.Equal(GeoPackageCodes.TableMissing, problem.Code);
        Assert.Contains("STBHHX", problem.What);
        Assert.Contains("项目用地红线", problem.HowToFix);
    }

    [Fact]
    public void Read_TruncatedFile_IsAnInputProblemNotASqliteException()
    {
        using var temp = new TempFolder();
        var path = temp.File("whole.gpkg");
        var cut = temp.File("cut.gpkg");
        _format.Write(GeoPackageSamples.Parcels(), path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 3)]);

        var problem = Problem(() => _format.ReadAll(cut), out var status);

        Assert.Contains(problem.Code, new[] { GeoPackageCodes.Unreadable, GeoPackageCodes.NotSqlite });
        Assert.Equal(400, status);
    }

    [Theory]
    [InlineData("bad magic", 0)]
    [InlineData("bad envelope kind", 3)]
    [InlineData("short header", 5)]
    [InlineData("point count too large", 53)]
    [InlineData("unknown wkb type", 45)]
    public void Read_BadGeometryBlob_NamesTableFidAndOffset(string damage, int offset)
    {
        using var temp = new TempFolder();
        var path = temp.File("bad.gpkg");
        _format.Write(GeoPackageSamples.Parcels(), path);
        // A GeoPackageBinary header with an xy envelope is 40 bytes; the WKB starts at byte 40.
        var header = new byte[] { (byte)'G', (byte)'P', 0, 0b0000_0011, 0xBB, 0x11, 0, 0 }.Concat(new byte[32]).ToArray();
        var blob = damage switch
        {
            "bad magic" => [0x01, 0x03, 0, 0, 0, 0, 0, 0, 0],
            "bad envelope kind" => [(byte)'G', (byte)'P', 0, 0b0000_1111, 0, 0, 0, 0, 1, 2],
            "short header" => [(byte)'G', (byte)'P', 0, 1, 0],
            // Polygon, 1 ring, 1000 points announced, only one point's worth of bytes: the count (bytes 49–52) is the lie,
            // and decoding stops right after it.
            "point count too large" => header.Concat(new byte[] { 1, 3, 0, 0, 0, 1, 0, 0, 0, 0xE8, 0x03, 0, 0 }).Concat(new byte[16]).ToArray(),
            // Byte order byte, then type 99 (bytes 41–44), which no WKB type has; decoding stops right after it.
            _ => header.Concat(new byte[] { 1, 99, 0, 0, 0 }).Concat(new byte[16]).ToArray(),
        };
        GeoPackageSurgery.ReplaceGeometry(path, "项目用地红线", 2, blob);

        var problem = Problem(() => _format.Read(path), out var status);

        Assert.Equal(GeoPackageCodes.BadGeometry, problem.Code);
        Assert.Equal(400, status);
        Assert.Contains("'项目用地红线'", problem.What);
        Assert.Contains("fid 2", problem.What);
        Assert.Contains($"byte offset {offset}:", problem.What);
        Assert.Equal(2, problem.Where?.Record);
    }

    [Fact]
    public void Read_TextInGeometryColumn_IsABadGeometry()
    {
        using var temp = new TempFolder();
        var path = temp.File("wkt.gpkg");
        _format.Write(GeoPackageSamples.Parcels(), path);
        GeoPackageSurgery.Execute(path, "UPDATE \"项目用地红线\" SET geom = 'POLYGON((0 0,1 0,1 1,0 0))' WHERE fid = 3");

        var problem = Problem(() => _format.Read(path), out _);

        Assert.Equal(GeoPackageCodes.BadGeometry, problem.Code);
        Assert.Contains("fid 3", problem.What);
        Assert.Contains("text", problem.What);
    }

    [Fact]
    public void Read_ValueNotFittingItsColumnType_IsKeptWithOneWarning()
    {
        using var temp = new TempFolder();
        var path = temp.File("dates.gpkg");
        _format.Write(GeoPackageSamples.Parcels(), path);
        GeoPackageSurgery.Execute(path, "UPDATE \"项目用地红线\" SET \"批准日期\" = '2024年6月1日'");

        var set = _format.Read(path);

        Assert.All(set.Features, f => Assert.Equal("2024年6月1日", f.Attributes["批准日期"]));
        var warning = Assert.Single(set.Warnings);
        Assert.Equal(GeoPackageCodes.BadValue, warning.Code);
        Assert.Contains("批准日期", warning.What);
    }

    [Fact]
    public void Read_NonEpsgCrs_GivesNoSridAndAWarning()
    {
        using var temp = new TempFolder();
        var path = temp.File("esri.gpkg");
        _format.Write(GeoPackageSamples.Parcels(), path);
        GeoPackageSurgery.Execute(path, "UPDATE gpkg_spatial_ref_sys SET organization = 'ESRI', organization_coordsys_id = 102100 WHERE srs_id = 4547");

        var set = _format.Read(path);

        Assert.Null(set.Srid);
        var warning = Assert.Single(set.Warnings);
        Assert.Equal(GeoPackageCodes.UnknownSrs, warning.Code);
        Assert.Contains("ESRI", warning.What);
        Assert.Equal(3, set.Features.Count);
    }

    [Fact]
    public void Read_ForeignApplicationId_IsReadWithAWarning()
    {
        using var temp = new TempFolder();
        var path = temp.File("foreign.gpkg");
        _format.Write(GeoPackageSamples.Parcels(), path);
        GeoPackageSurgery.Execute(path, "PRAGMA application_id = 1");

        var set = _format.Read(path);

        Assert.Equal(GeoPackageCodes.UnknownApplicationId, Assert.Single(set.Warnings).Code);
        Assert.Equal(4547, set.Srid);
    }

    private static InputProblem Problem(Action read, out int status)
    {
        var e = Assert.Throws<InputException>(read);
        status = e.StatusCode;
        return Assert.Single(e.Problems);
    }

    private static InputProblem Problem(Func<object> read, out int status) => Problem(() => { read(); }, out status);
}
