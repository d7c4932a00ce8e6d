using NetTopologySuite.Geometries;
using OneBlueprint.DemoCity;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Tests.Discrepancy;

/// <summary>
/// The demo city (demo scale, seed 2026) generated once for the discrepancy tests: its ~20,000 farmland patches (a
/// coverage with attributes DLBM etc.), districts, ecological redlines and urban boundary, as engine features in EPSG:4547.
/// </summary>
public sealed class DemoFarmland
{
    public DemoFarmland()
    {
        var city = DemoCityGenerator.Generate(DemoScale.Demo, 2026);
        ControlFeature[] Layer(string code) => city.Layers[code].Features
            .Select((f, i) => new ControlFeature(i + 1, f.Geometry, f.Attributes)).ToArray();
        Farmland = Layer(LayerCodes.Farmland);
        Districts = Layer(LayerCodes.Districts);
        EcologicalRedlines = Layer(LayerCodes.EcologicalRedlines);
        UrbanBoundary = Layer(LayerCodes.UrbanBoundary);
    }

    public const int Srid = DemoCity.DemoCity.Srid;

    public IReadOnlyList<ControlFeature> Farmland { get; }
    public IReadOnlyList<ControlFeature> Districts { get; }
    public IReadOnlyList<ControlFeature> EcologicalRedlines { get; }
    public IReadOnlyList<ControlFeature> UrbanBoundary { get; }

    public double FarmlandArea => Farmland.Sum(f => f.Geometry.Area);
}

[CollectionDefinition(Name)]
public sealed class DemoFarmlandCollection : ICollectionFixture<DemoFarmland>
{
    public const string Name = "demo farmland";
}
