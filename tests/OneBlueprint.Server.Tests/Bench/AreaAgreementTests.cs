using OneBlueprint.Cli.Bench;

namespace OneBlueprint.Server.Tests.Bench;

public sealed class AreaAgreementTests
{
    private static readonly BenchRedLine[] RedLines =
        Enumerable.Range(0, 3).Select(i => new BenchRedLine(i, (RedLineClass)i, SyntheticBlueprint.District, 1, 0, 5, 1, true)).ToArray();

    private static LayerAreas Areas(params double[] values)
    {
        var areas = new LayerAreas(["A"], values.Length);
        for (var i = 0; i < values.Length; i++) areas.Values[i][0] = values[i];
        return areas;
    }

    [Fact]
    public void Compare_WithinAbsoluteOrRelativeTolerance_Agrees()
    {
        // 0.005 m² apart (under 0.01 m²); 0.5 m² apart on 10⁶ m² (5e-7 relative, under 1e-6); identical
        var agreement = AreaAgreement.Compare("x", Areas(100, 1_000_000, 0), "y", Areas(100.005, 1_000_000.5, 0), RedLines);
        Assert.True(agreement.Agrees);
        Assert.Equal(3, agreement.Compared);
        Assert.Equal(0.5, agreement.MaxAbsDiffM2, 9);
    }

    [Fact]
    public void Compare_BeyondBothTolerances_Disagrees()
    {
        // 0.02 m² on 100 m² is 2e-4 relative: outside both
        var agreement = AreaAgreement.Compare("x", Areas(100, 5, 0), "y", Areas(100.02, 5, 0), RedLines);
        Assert.False(agreement.Agrees);
        Assert.Equal(1, agreement.Disagreements);
        Assert.Equal("A", agreement.Worst[0].Layer);
        Assert.True(agreement.Worst[0].Disagrees);
    }

    [Fact]
    public void Compare_FailedSide_CountedMissingNotCompared()
    {
        var agreement = AreaAgreement.Compare("x", Areas(1, double.NaN, 3), "y", Areas(1, 2, 3), RedLines);
        Assert.Equal(2, agreement.Compared);
        Assert.Equal(1, agreement.Missing);
        Assert.False(agreement.Agrees);
    }
}
