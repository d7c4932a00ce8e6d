using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace OneBlueprint.Geo.Spatial;

/// <summary>
/// The one place geometry factories come from. NetTopologySuite 2.5 defaults to the old overlay; these
/// services opt into OverlayNG (NTS issues #665, #781), so every Union/Intersection/Difference made from
/// geometries of these factories is robust. Never call <c>new GeometryFactory()</c> elsewhere.
/// </summary>
public static class GeometryKit
{
    /// <summary>1 mm grid in a metric CRS: snap-rounding on it makes overlay robust and reproducible.</summary>
    public const double MillimetreScale = 1000.0;

    public static readonly NtsGeometryServices Services = new(
        NetTopologySuite.Geometries.Implementation.CoordinateArraySequenceFactory.Instance,
        PrecisionModel.Floating.Value,
        srid: 0,
        GeometryOverlay.NG,
        new CoordinateEqualityComparer());

    public static GeometryFactory Factory(int srid) => Services.CreateGeometryFactory(srid);

    /// <summary>Fixed 1 mm precision factory for a metric (projected) CRS.</summary>
    public static GeometryFactory MillimetreFactory(int srid) =>
        Services.CreateGeometryFactory(new PrecisionModel(MillimetreScale), srid);
}
