using NetTopologySuite.Geometries;

namespace OneBlueprint.Engines.Assessment.Statistics;

/// <summary>A region statistics are broken down by or measured against: a district (XZQDM/XZQMC), a development zone. Working CRS.</summary>
public sealed record NamedRegion(string Code, string Name, Geometry Geometry);
