using OneBlueprint.Engines.Discrepancy;

namespace OneBlueprint.Engines.Tests.Discrepancy;

public sealed class DiscrepancyTypeTests
{
    [Theory]
    [InlineData(true, true, "1", "两规均为建设用地", false)]
    [InlineData(false, true, "2", "城规建设土规非建设", true)]
    [InlineData(true, false, "3", "土规建设城规非建设", true)]
    [InlineData(false, false, "4", "两规均非建设用地", false)]
    public void Of_LandUseAndUrbanFlags_GiveTheCodeItsNameAndWhetherItConflicts(bool landBuilds, bool urbanBuilds, string code, string name, bool conflict)
    {
        Assert.Equal(code, DiscrepancyType.Of(landBuilds, urbanBuilds));
        Assert.Equal(name, DiscrepancyType.NameZh(code));
        Assert.Equal(conflict, DiscrepancyType.IsConflict(code));
    }

    [Fact]
    public void Of_UnknownFlag_HasNoCode()
    {
        Assert.Null(DiscrepancyType.Of(null, true));
        Assert.Null(DiscrepancyType.Of(false, null));
    }
}
