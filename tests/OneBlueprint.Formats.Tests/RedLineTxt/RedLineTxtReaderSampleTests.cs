using NetTopologySuite.Geometries;
using OneBlueprint.Formats.RedLineTxt;
using OneBlueprint.Geo.Spatial;
using static OneBlueprint.Formats.Tests.RedLineTxt.RedLineTxtTestKit;

namespace OneBlueprint.Formats.Tests.RedLineTxt;

/// <summary>The two real samples, checked against a naive independent parse and PROJ's EPSG names.</summary>
public class RedLineTxtReaderSampleTests
{
    private static readonly RedLineTxtFormat Format = new();

    [Fact]
    public void SampleA_ReadsOneParcelInZone40()
    {
        var set = Format.Read(RedLineSamples.PathOf(RedLineSamples.SampleAFile));

        Assert.Equal("CGCS2000 / 3-degree Gauss-Kruger zone 40", ProjName(set.Srid!.Value));
        var feature = Assert.Single(set.Features);
        Assert.Equal("1", feature.Id);
        Assert.Equal(13, feature.Source?.Line);
        Assert.Equal(66L, feature.Attributes[RedLineTxtFields.PointCount]);
        Assert.Equal(5.7089, feature.Attributes[RedLineTxtFields.Area]);
        Assert.Equal("彭埠单元B/R-14地块", feature.Attributes[RedLineTxtFields.ParcelName]);
        Assert.Equal("面", feature.Attributes[RedLineTxtFields.ShapeType]);
        Assert.Null(feature.Attributes[RedLineTxtFields.LandUse]);
        Assert.Empty(set.Warnings);
    }

    [Fact]
    public void SampleA_GeometryIsEastingNorthingOfTheFile()
    {
        var reference = Assert.Single(ReferenceParcel.Parse(RedLineSamples.Text(RedLineSamples.SampleAFile)));
        var polygon = OnlyPolygon(Format.Read(RedLineSamples.PathOf(RedLineSamples.SampleAFile)));

        var expected = reference.Rings[0].Append(reference.Rings[0][0]).Select(p => new Coordinate(p.East, p.North)).ToList();
        SamePoints(expected, polygon.ExteriorRing.Coordinates, 0);
        Assert.Equal(0, polygon.NumInteriorRings);
        Assert.True(polygon.IsValid);
    }

    [Fact]
    public void SampleA_AreaAgreesWithDeclaredAndShoelace()
    {
        var reference = Assert.Single(ReferenceParcel.Parse(RedLineSamples.Text(RedLineSamples.SampleAFile)));
        var computed = AreaUnits.ToHectares(OnlyPolygon(Format.Read(RedLineSamples.PathOf(RedLineSamples.SampleAFile))).Area);

        Assert.Equal(5.7089, reference.DeclaredHectares);
        Assert.InRange(Math.Abs(computed - reference.DeclaredHectares), 0, 0.001);
        Assert.InRange(Math.Abs(computed - reference.ShoelaceHectares), 0, 1e-9);
    }

    [Fact]
    public void SampleA_KeepsDescriptionAsMetadata()
    {
        var set = Format.Read(RedLineSamples.PathOf(RedLineSamples.SampleAFile));
        var expected = RedLineSamples.Lines(RedLineSamples.SampleAFile).Skip(1).TakeWhile(l => !l.StartsWith('['))
            .Select(l => ("属性描述." + l[..l.IndexOf('=')], l[(l.IndexOf('=') + 1)..])).ToList();

        Assert.Equal(expected, set.Metadata.Select(kv => (kv.Key, kv.Value)).ToList());
        Assert.Equal("40", set.Metadata["属性描述.带号"]);
    }

    [Fact]
    public void SampleB_ReadsThreeParcelsInZone36()
    {
        var set = Format.Read(RedLineSamples.PathOf(RedLineSamples.SampleBFile));

        Assert.Equal("CGCS2000 / 3-degree Gauss-Kruger zone 36", ProjName(set.Srid!.Value));
        Assert.Equal(3, set.Features.Count);
        Assert.Equal(["地块1", "地块2", "地块3"], set.Features.Select(f => (string?)f.Attributes[RedLineTxtFields.ParcelName]));
        Assert.All(set.Features, f => Assert.IsType<Polygon>(f.Geometry));
    }

    [Fact]
    public void SampleB_WarnsForEachWrongPointCount()
    {
        var references = ReferenceParcel.Parse(RedLineSamples.Text(RedLineSamples.SampleBFile));
        var set = Format.Read(RedLineSamples.PathOf(RedLineSamples.SampleBFile));
        var warnings = set.Warnings.Where(w => w.Code == RedLineTxtCodes.PointCount).ToList();

        var wrong = references.Where(r => r.DeclaredPoints != r.Rows).ToList();
        Assert.Equal(3, wrong.Count);
        Assert.Equal(wrong.Select(r => r.HeaderLine), warnings.Select(w => w.Where!.Line!.Value));
        foreach (var (reference, warning) in wrong.Zip(warnings))
        {
            Assert.Contains(reference.HeaderFields[3], warning.What);
            Assert.Contains($"点数 {reference.DeclaredPoints}", warning.What);
            Assert.Contains($"{reference.Rows} point lines", warning.What);
            Assert.Equal(RedLineSamples.SampleBFile, Path.GetFileName(warning.Where!.File));
        }
    }

    [Fact]
    public void SampleB_AreasAgreeWithDeclaredAndShoelace()
    {
        var references = ReferenceParcel.Parse(RedLineSamples.Text(RedLineSamples.SampleBFile));
        var set = Format.Read(RedLineSamples.PathOf(RedLineSamples.SampleBFile));

        Assert.DoesNotContain(set.Warnings, w => w.Code == RedLineTxtCodes.DeclaredArea);
        foreach (var (reference, feature) in references.Zip(set.Features))
        {
            var computed = AreaUnits.ToHectares(feature.Geometry.Area);
            Assert.InRange(Math.Abs(computed - reference.DeclaredHectares), 0, 0.001);
            Assert.InRange(Math.Abs(computed - reference.ShoelaceHectares), 0, 1e-9);
        }
    }

    [Fact]
    public void SampleB_WarnsThatParcelNumbersRepeat()
    {
        var set = Format.Read(RedLineSamples.PathOf(RedLineSamples.SampleBFile));

        Assert.Equal(["1", "1", "1"], set.Features.Select(f => f.Id));
        Assert.Contains(set.Warnings, w => w.Code == RedLineTxtCodes.DuplicateParcelNumber);
    }
}
