using System.Text;
using OneBlueprint.Formats.RedLineTxt;
using OneBlueprint.Geo.Problems;
using static OneBlueprint.Formats.Tests.RedLineTxt.RedLineSamples;
using static OneBlueprint.Formats.Tests.RedLineTxt.RedLineTxtTestKit;

namespace OneBlueprint.Formats.Tests.RedLineTxt;

/// <summary>
/// Broken files give an <see cref="InputException"/> (400) naming the file, the line, the offending
/// text and a fix. Sample A: line 9 带号, 13 the header, 14 J01, 15 J02.
/// </summary>
public class RedLineTxtReaderErrorTests
{
    private static readonly string SampleA = Text(SampleAFile);
    private static readonly string SampleB = Text(SampleBFile);

    private static InputProblem FirstError(string text, string code)
    {
        var exception = ReadFails(text);
        Assert.Equal(400, exception.StatusCode);
        var problem = exception.Problems[0];
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal(code, problem.Code);
        Assert.Equal(SourceName, problem.Where?.File);
        Assert.False(string.IsNullOrWhiteSpace(problem.HowToFix));
        return problem;
    }

    [Fact]
    public void Number_UnparsableNorthingNamesLineAndText()
    {
        var problem = FirstError(SampleA.Replace("3353176.426", "3353176.4x6"), RedLineTxtCodes.BadNumber);

        Assert.Equal(15, problem.Where!.Line);
        Assert.Contains("3353176.4x6", problem.What);
        Assert.Contains("J02", problem.What);
    }

    [Fact]
    public void Number_UnparsableDeclaredAreaNamesHeaderLine()
    {
        var problem = FirstError(SampleA.Replace("66,5.7089,", "66,5.70八9,"), RedLineTxtCodes.BadNumber);

        Assert.Equal(13, problem.Where!.Line);
        Assert.Contains("5.70八9", problem.What);
    }

    [Fact]
    public void Errors_AllAreReportedAtOnce()
    {
        var text = SampleA.Replace("3353176.426", "x").Replace("3353159.066", "y");

        Assert.Equal([15, 16], ReadFails(text).Problems.Select(p => p.Where!.Line!.Value));
    }

    [Fact]
    public void PointLine_BeforeAnyHeader()
    {
        var problem = FirstError(SampleA.Replace("[地块坐标]\n", "[地块坐标]\nJ00,1,3353189.181,40520986.477\n"), RedLineTxtCodes.PointBeforeHeader);

        Assert.Equal(13, problem.Where!.Line);
        Assert.Contains("J00", problem.What);
    }

    [Fact]
    public void Ring_FewerThanThreeDistinctPoints()
    {
        // Parcel 2 of sample B (header line 16) keeps only J1, J2 and the closing J1.
        var lines = Lines(SampleBFile).ToList();
        lines.RemoveRange(18, 2);

        var problem = FirstError(Join(lines), RedLineTxtCodes.RingTooSmall);

        Assert.Equal(17, problem.Where!.Line);
        Assert.Contains("地块2", problem.What);
    }

    [Fact]
    public void Section_MissingParcelSection()
    {
        var problem = FirstError(SampleA.Replace("[地块坐标]\n", ""), RedLineTxtCodes.MissingParcelSection);

        Assert.Contains("[地块坐标]", problem.What);
    }

    [Fact]
    public void Header_TooFewFields()
    {
        var problem = FirstError(SampleA.Replace("66,5.7089,1,彭埠单元B/R-14地块,面,,,,@", "66,5.7089,@"), RedLineTxtCodes.HeaderTooShort);

        Assert.Equal(13, problem.Where!.Line);
        Assert.Contains("66,5.7089,@", problem.What);
        Assert.Single(ReadFails(SampleA.Replace("66,5.7089,1,彭埠单元B/R-14地块,面,,,,@", "66,5.7089,@")).Problems);
    }

    [Fact]
    public void Zone_SixDegreeZonesAreRefusedWithAWayOut()
    {
        var problem = FirstError(SampleA.Replace("几度分带=3", "几度分带=6"), RedLineTxtCodes.SixDegreeZone);

        Assert.Equal(6, problem.Where!.Line);
        Assert.Contains("几度分带=3", problem.HowToFix);
    }

    [Fact]
    public void Zone_DeclaredAndPrefixDisagree()
    {
        var problem = FirstError(SampleA.Replace("带号=40", "带号=39"), RedLineTxtCodes.ZoneConflict);

        Assert.Equal(9, problem.Where!.Line);
        Assert.Contains("带号=39", problem.What);
        Assert.Contains("zone prefix 40", problem.What);
        Assert.Contains("line 14", problem.What);
    }

    [Fact]
    public void Zone_MixedPrefixedAndPlainEastings()
    {
        var problem = FirstError(SampleA.Replace("J02,1,3353176.426,40520960.456", "J02,1,3353176.426,520960.456"), RedLineTxtCodes.MixedPrefix);

        Assert.Equal(15, problem.Where!.Line);
    }

    [Fact]
    public void Axes_SwappedColumnsAreCaught()
    {
        var swapped = Join(Lines(SampleBFile).Select(l => l.Split(',') is { Length: 4 } f ? $"{f[0]},{f[1]},{f[3]},{f[2]}" : l));

        var problem = FirstError(swapped, RedLineTxtCodes.ImplausibleEasting);

        Assert.Equal(11, problem.Where!.Line);
        Assert.Contains("swapped", problem.What);
    }

    [Fact]
    public void File_EmptyIsAnError() => FirstError("\n\n", RedLineTxtCodes.Empty);

    [Fact]
    public void File_NoParcelsIsAnError() => FirstError(SampleA[..(SampleA.IndexOf("[地块坐标]") + 7)], RedLineTxtCodes.NoParcels);

    [Fact]
    public void Robustness_EveryTruncationGivesAFeatureSetOrAnInputException()
    {
        // Whatever the cut, nothing but InputException may escape (no FormatException, IndexOutOfRange...).
        var bytes = Encoding.UTF8.GetBytes(SampleB);
        for (var length = 0; length <= bytes.Length; length++)
        {
            try { ReadBytes(bytes[..length]); }
            catch (InputException) { }
        }
    }

    [Fact]
    public void Robustness_EveryDroppedLineGivesAFeatureSetOrAnInputException()
    {
        var lines = Lines(SampleBFile);
        for (var i = 0; i < lines.Length; i++)
        {
            try { Read(Join(lines.Where((_, j) => j != i))); }
            catch (InputException) { }
        }
    }
}
