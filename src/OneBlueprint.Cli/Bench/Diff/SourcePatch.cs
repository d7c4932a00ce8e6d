using NetTopologySuite.Geometries;

namespace OneBlueprint.Cli.Bench.Diff;

/// <summary>One feature of a plan layer as the diff benchmark handles it: id, polygon (working CRS) and its class value.</summary>
public sealed record SourcePatch(long Id, Geometry Geometry, string? Value);
