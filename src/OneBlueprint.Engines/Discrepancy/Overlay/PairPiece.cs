using NetTopologySuite.Geometries;

namespace OneBlueprint.Engines.Discrepancy.Overlay;

/// <summary>
/// The part of A feature <see cref="A"/> inside B feature <see cref="B"/> (ordinals), with its planar area; the geometry is
/// kept only when the classes differ (it becomes a patch), agreed parts are only counted.
/// </summary>
internal readonly record struct PairPiece(int A, int B, double Area, Geometry? Geometry);
