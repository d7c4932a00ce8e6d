using NetTopologySuite.Geometries;
using OneBlueprint.Engines.Indexing;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// The current control layers as the engine sees them, plus what the red-line generator needs that is not a control
/// layer (the city's districts, XZQH), and how long loading took.
/// </summary>
public sealed record LoadedBlueprint(
    BlueprintSnapshot Snapshot,
    IReadOnlyList<LayerLoadStats> Layers,
    IReadOnlyList<Geometry> Districts,
    int WorkingSrid,
    double Seconds);
