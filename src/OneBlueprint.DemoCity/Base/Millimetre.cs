using NetTopologySuite.Geometries;
using NetTopologySuite.Precision;
using OneBlueprint.Geo.Spatial;

namespace OneBlueprint.DemoCity.Base;

/// <summary>
/// Puts output geometries on the 1 mm grid they are written with (GeoJSON and TXT in EPSG:4547 keep 3
/// decimals), so what is tested is exactly what is written and imported. Plain rounding is tried first
/// (fast, and keeps shared vertices shared); when rounding makes a polygon invalid, snap-rounding
/// (<see cref="GeometryPrecisionReducer"/>) makes a valid one instead.
/// </summary>
public static class Millimetre
{
    private static readonly PrecisionModel Grid = new(GeometryKit.MillimetreScale);

    public static Geometry Snap(Geometry g)
    {
        var rounded = g.Copy();
        rounded.Apply(RoundFilter.Instance);
        rounded.GeometryChanged();
        if (g is not IPolygonal || rounded.IsValid) return rounded;
        return GeometryPrecisionReducer.Reduce(g, Grid);
    }

    public static double Round(double v) => Math.Round(v * GeometryKit.MillimetreScale) / GeometryKit.MillimetreScale;

    private sealed class RoundFilter : ICoordinateSequenceFilter
    {
        public static readonly RoundFilter Instance = new();
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            seq.SetX(i, Round(seq.GetX(i)));
            seq.SetY(i, Round(seq.GetY(i)));
        }
    }
}
