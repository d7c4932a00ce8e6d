using NetTopologySuite.Geometries;

namespace OneBlueprint.Cli.Bench;

/// <summary>
/// One generated red line: a valid polygon or multipolygon in the working CRS with millimetre coordinates (as the
/// 界址点 TXT holds them), its class, and what it is made of. <see cref="Vertices"/> counts points as PostGIS
/// ST_NPoints does (closing points included). <see cref="AsIntended"/> is false when the generator had to settle
/// for less than its class asks (e.g. no place wholly inside an ecological redline was found).
/// </summary>
public sealed record BenchRedLine(int Index, RedLineClass Class, Geometry Geometry, int Parcels, int Holes, int Vertices, double AreaM2, bool AsIntended);
