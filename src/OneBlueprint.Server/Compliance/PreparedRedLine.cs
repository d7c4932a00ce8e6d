using NetTopologySuite.Geometries;
using OneBlueprint.Geo.Problems;

namespace OneBlueprint.Server.Compliance;

/// <summary>
/// A red line that passed every input check, ready for the engine: <see cref="Geometry"/> is all parcels as one
/// valid Polygon or MultiPolygon in the working CRS (touching or overlapping parcels merged), <see cref="SourceSrid"/>
/// the CRS it was read in, <see cref="Warnings"/> what the reader and the checks noticed without refusing it
/// (a declared TXT area that disagrees, merged parcels, …).
/// </summary>
public sealed record PreparedRedLine(Geometry Geometry, int ParcelCount, int SourceSrid, IReadOnlyList<InputProblem> Warnings);
