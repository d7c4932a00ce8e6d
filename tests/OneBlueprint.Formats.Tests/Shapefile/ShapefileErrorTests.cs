using System.Buffers.Binary;
using System.IO.Compression;
using OneBlueprint.Formats.Shapefile;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Formats.Tests.Shapefile;

/// <summary>Broken inputs give an InputException (400) saying what, where (file, record, byte offset) and how to fix — never a raw exception.</summary>
public class ShapefileErrorTests
{
    [Theory]
    [InlineData(".shx", "shapefile-missing-shx")]
    [InlineData(".dbf", "shapefile-missing-dbf")]
    public void Read_MissingSibling_NamesTheMissingFile(string extension, string code)
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(ShapefileSamples.Parcels(), dir.File("a.shp"));
        File.Delete(dir.File("a" + extension));

        var problem = ReadFails(dir.File("a.shp"));

        Assert.Equal(code, problem.Code);
        Assert.Contains("a" + extension, problem.What);
    }

    [Fact]
    public void Read_MissingPrj_GivesNullSridAndWarning()
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(ShapefileSamples.Parcels(), dir.File("a.shp"));
        File.Delete(dir.File("a.prj"));

        var set = new ShapefileFormat().Read(dir.File("a.shp"));

        Assert.Null(set.Srid);
        Assert.Contains(set.Warnings, w => w.Code == "shapefile-no-prj" && w.HowToFix.Contains("4490"));
    }

    [Fact]
    public void Read_MissingShp_SaysSo()
    {
        using var dir = new TempDirectory();

        Assert.Equal("shapefile-not-found", ReadFails(dir.File("nothing.shp")).Code);
    }

    [Fact]
    public void Read_TruncatedShp_NamesRecordAndByteOffset()
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(ShapefileSamples.Parcels(), dir.File("a.shp"));
        Cut(dir.File("a.shp"), 10);

        var problem = ReadFails(dir.File("a.shp"));

        Assert.Equal("shapefile-truncated", problem.Code);
        Assert.Equal(3, problem.Where?.Record);
        Assert.Contains("byte offset", problem.What);
        Assert.EndsWith("a.shp", problem.Where?.File);
    }

    [Fact]
    public void Read_TruncatedDbf_NamesRecord()
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(ShapefileSamples.Parcels(), dir.File("a.shp"));
        Cut(dir.File("a.dbf"), 20);

        var problem = ReadFails(dir.File("a.shp"));

        Assert.Equal("shapefile-truncated", problem.Code);
        Assert.Equal(3, problem.Where?.Record);
        Assert.EndsWith("a.dbf", problem.Where?.File);
    }

    [Fact]
    public void Read_ShxWithPartialEntry_IsTruncated()
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(ShapefileSamples.Parcels(), dir.File("a.shp"));
        Cut(dir.File("a.shx"), 3);

        Assert.Equal("shapefile-truncated", ReadFails(dir.File("a.shp")).Code);
    }

    [Fact]
    public void Read_DbfWithOtherRecordCount_IsAMismatch()
    {
        using var dir = new TempDirectory();
        var parcels = ShapefileSamples.Parcels();
        new ShapefileFormat().Write(parcels, dir.File("a.shp"));
        parcels.Features.RemoveAt(0);
        new ShapefileFormat().Write(parcels, dir.File("b.shp"));
        File.Copy(dir.File("b.dbf"), dir.File("a.dbf"), overwrite: true);

        var problem = ReadFails(dir.File("a.shp"));

        Assert.Equal("shapefile-record-count-mismatch", problem.Code);
        Assert.Contains("3 shapes", problem.What);
        Assert.Contains("2 attribute records", problem.What);
    }

    [Theory]
    [InlineData(true, 31)]
    [InlineData(true, 7)]
    [InlineData(false, 99)]
    public void Read_UnknownShapeType_IsRejected(bool inHeader, int code)
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(ShapefileSamples.Parcels(), dir.File("a.shp"));
        var shp = File.ReadAllBytes(dir.File("a.shp"));
        BinaryPrimitives.WriteInt32LittleEndian(shp.AsSpan(inHeader ? 32 : 108), code); // record 1's type follows its 8-byte header
        File.WriteAllBytes(dir.File("a.shp"), shp);

        var problem = ReadFails(dir.File("a.shp"));

        Assert.Equal("shapefile-unknown-shape-type", problem.Code);
        Assert.Contains(code.ToString(), problem.What);
        Assert.Equal(inHeader ? null : 1, problem.Where?.Record);
    }

    [Fact]
    public void Read_RingWithThreePoints_NamesRecordAndRing()
    {
        using var dir = new TempDirectory();
        RawShapefile.Write(dir.File("r.shp"), 5,
        [
            [RawShapefile.Square(0, 0, 10, clockwise: true)],
            [RawShapefile.Square(0, 0, 10, clockwise: true), [(1, 1), (1, 2), (1, 1)]],
        ]);

        var problem = ReadFails(dir.File("r.shp"));

        Assert.Equal("shapefile-ring-too-short", problem.Code);
        Assert.Equal(2, problem.Where?.Record);
        Assert.Contains("ring 2 has 3 points", problem.What);
        Assert.Contains("byte offset", problem.What);
    }

    [Fact]
    public void Read_UnclosedRing_IsClosedWithWarning()
    {
        using var dir = new TempDirectory();
        RawShapefile.Write(dir.File("r.shp"), 5, [[[(0, 0), (0, 10), (10, 10), (10, 0)]]]);

        var set = new ShapefileFormat().Read(dir.File("r.shp"));

        Assert.Equal(100, set.Features[0].Geometry.Area);
        Assert.Contains(set.Warnings, w => w.Code == "shapefile-unclosed-ring");
    }

    [Fact]
    public void Read_NotAShapefile_SaysSo()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.shp"), new string('x', 200));
        File.WriteAllText(dir.File("a.shx"), new string('x', 200));
        File.WriteAllText(dir.File("a.dbf"), new string('x', 200));

        Assert.Equal("shapefile-not-a-shapefile", ReadFails(dir.File("a.shp")).Code);
    }

    [Fact]
    public void ReadZip_Garbage_IsBadZip()
    {
        var problem = Assert.Throws<InputException>(() => ShapefileFormat.ReadZip(new MemoryStream("not a zip"u8.ToArray()), "upload.zip")).Problems[0];

        Assert.Equal("shapefile-bad-zip", problem.Code);
        Assert.Contains("upload.zip", problem.What);
    }

    [Fact]
    public void ReadZip_WithoutOrWithSeveralShapefiles_ListsWhatItFound()
    {
        var none = Zip(("readme.txt", "hi"u8.ToArray()));
        var two = Zip(("a.shp", new byte[1]), ("b/b.shp", new byte[1]));

        var noneProblem = Assert.Throws<InputException>(() => ShapefileFormat.ReadZip(none, "up.zip")).Problems[0];
        var twoProblem = Assert.Throws<InputException>(() => ShapefileFormat.ReadZip(two, "up.zip")).Problems[0];

        Assert.Equal("shapefile-zip-without-shp", noneProblem.Code);
        Assert.Contains("readme.txt", noneProblem.What);
        Assert.Equal("shapefile-zip-with-several-shp", twoProblem.Code);
        Assert.Contains("b/b.shp", twoProblem.What);
    }

    [Fact]
    public void ReadZip_InFolderWithMacJunkAndUpperCaseSiblings_Reads()
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(ShapefileSamples.Parcels(), dir.File("p.shp"));
        var zip = Zip(
            ("data/红线/P.SHP", File.ReadAllBytes(dir.File("p.shp"))),
            ("data/红线/P.SHX", File.ReadAllBytes(dir.File("p.shx"))),
            ("data/红线/p.dbf", File.ReadAllBytes(dir.File("p.dbf"))),
            ("data/红线/p.prj", File.ReadAllBytes(dir.File("p.prj"))),
            ("data/红线/p.cpg", File.ReadAllBytes(dir.File("p.cpg"))),
            ("__MACOSX/data/红线/._P.SHP", new byte[10]));

        var set = ShapefileFormat.ReadZip(zip, "upload.zip");

        Assert.Equal(3, set.Features.Count);
        Assert.Equal(4526, set.Srid);
        Assert.Equal("P", set.Name);
        Assert.Equal("upload.zip: data/红线/P.SHP", set.Features[0].Source?.File);
    }

    [Fact]
    public void ReadZip_MissingDbf_NamesItInsideTheZip()
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(ShapefileSamples.Parcels(), dir.File("p.shp"));
        var zip = Zip(("p.shp", File.ReadAllBytes(dir.File("p.shp"))), ("p.shx", File.ReadAllBytes(dir.File("p.shx"))));

        var problem = Assert.Throws<InputException>(() => ShapefileFormat.ReadZip(zip, "upload.zip")).Problems[0];

        Assert.Equal("shapefile-missing-dbf", problem.Code);
        Assert.Contains("upload.zip: p.dbf", problem.What);
    }

    /// <summary>
    /// Damage valid files at random (seeded, so failures reproduce): flipped bytes and cuts in each of
    /// .shp, .shx and .dbf. Every outcome must be a successful read or an InputException.
    /// </summary>
    [Fact]
    public void Read_RandomlyDamagedFiles_NeverThrowAnythingButInputException()
    {
        using var dir = new TempDirectory();
        new ShapefileFormat().Write(ShapefileSamples.Parcels(), dir.File("p.shp"));
        var files = new[] { "p.shp", "p.shx", "p.dbf" }.ToDictionary(f => f, f => File.ReadAllBytes(dir.File(f)));
        var prj = File.ReadAllBytes(dir.File("p.prj"));
        var outcomes = new Dictionary<string, int>();

        for (var seed = 1; seed <= 600; seed++)
        {
            var random = new Random(seed);
            var damaged = files.ToDictionary(f => f.Key, f => (byte[])f.Value.Clone());
            var target = files.Keys.ElementAt(random.Next(3));
            var bytes = damaged[target];
            if (random.Next(4) == 0) damaged[target] = bytes[..random.Next(bytes.Length)];
            else
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var zip = Zip(damaged.Select(f => (f.Key, f.Value)).Append(("p.prj", prj)).ToArray());

            string outcome;
            try
            {
                ShapefileFormat.ReadZip(zip, $"seed {seed}");
                outcome = "read";
            }
            catch (InputException e)
            {
                outcome = e.Problems[0].Code;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed} (damaged {target}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                throw;
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        Assert.True(outcomes.Count > 3, string.Join(", ", outcomes)); // the damage did reach different checks
    }

    private static InputProblem ReadFails(string path)
    {
        var error = Assert.Throws<InputException>(() => new ShapefileFormat().Read(path));
        Assert.Equal(400, error.StatusCode);
        var problem = Assert.Single(error.Problems);
        Assert.False(string.IsNullOrWhiteSpace(problem.HowToFix));
        return problem;
    }

    private static void Cut(string path, int bytes)
    {
        var content = File.ReadAllBytes(path);
        File.WriteAllBytes(path, content[..^bytes]);
    }

    internal static MemoryStream Zip(params (string Name, byte[] Bytes)[] entries)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        stream.Position = 0;
        return stream;
    }
}
