using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Compliance;
using OneBlueprint.Engines.Compliance.Results;
using OneBlueprint.Engines.Compliance.Rules;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Engines.Tests.Support;

/// <summary>Engines in both modes and one-call helpers for hand-made layers.</summary>
internal static class TestEngines
{
    public static readonly ComplianceEngine Fast = new(ComplianceRules.Default);
    public static readonly ComplianceEngine Plain = new(ComplianceRules.Default, new ComplianceOptions { FastPaths = false });

    public static IEnumerable<ComplianceEngine> Both => [Fast, Plain];

    public static ControlLayerIndex Layer(string code, params Geometry[] geometries) =>
        ControlLayerIndex.Build(code, 1, Shapes.Srid, geometries.Select((g, i) => new ControlFeature(i + 1, g)));

    public static ControlLayerIndex Layer(string code, IEnumerable<ControlFeature> features, int maxPieceVertices = 256) =>
        ControlLayerIndex.Build(code, 1, Shapes.Srid, features, new ControlLayerIndexOptions { MaxPieceVertices = maxPieceVertices });

    public static BlueprintSnapshot Snapshot(params ControlLayerIndex[] layers) => new(layers);

    public static LayerCompliance CheckOne(ComplianceEngine engine, Geometry redLine, ControlLayerIndex layer,
        string? category = null, bool geometry = false)
    {
        var result = engine.Check(RedLine.Create(redLine, Shapes.Srid), new ComplianceRequest { ProjectCategory = category, IncludeGeometry = geometry },
            Snapshot(layer));
        return Assert.Single(result.Layers);
    }
}
