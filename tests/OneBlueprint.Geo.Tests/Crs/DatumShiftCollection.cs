namespace OneBlueprint.Geo.Tests.Crs;

/// <summary>Tests that change the process-wide DatumShiftSettings run one at a time, apart from the rest.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatumShiftCollection
{
    public const string Name = "DatumShiftSettings";
}
